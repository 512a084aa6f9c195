package dev.opsdesk.desktop.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The text rules on their own: formula triggers, the cell limit, and OOXML's string escapes. */
class CellTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@A1", "\t1", "\r1", "\n1", "\u00001"})
    void everyTriggerGetsAQuote(String value) {
        CellText text = new CellText(100, true);

        assertThat(text.safe(value)).isEqualTo("'" + value);
        assertThat(text.neutralised()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "a=b", " =1", "'=1", "#1", "€-1", "ＳＵＭ"})
    void otherTextsAreLeftAlone(String value) {
        CellText text = new CellText(100, true);

        assertThat(text.safe(value)).isSameAs(value);
        assertThat(text.neutralised()).isZero();
    }

    @Test
    void cuttingCanBeSwitchedOff() {
        CellText text = new CellText(20, false);

        assertThat(text.safe("x".repeat(50))).hasSize(50);
        assertThat(text.truncated()).isZero();
    }

    @Test
    void ooxmlEscapesKeepControlsAndLiteralEscapesIntact() {
        assertThat(XlsxRowWriter.ooxmlEscaped("plain text")).isEqualTo("plain text");
        assertThat(XlsxRowWriter.ooxmlEscaped("a\u0000b\u0007c")).isEqualTo("a_x0000_b_x0007_c");
        assertThat(XlsxRowWriter.ooxmlEscaped("keep\ttab\r\nand lines")).isEqualTo("keep\ttab\r\nand lines");
        assertThat(XlsxRowWriter.ooxmlEscaped("_x0041_ and _x41_ and pi_123")).isEqualTo("_x005F_x0041_ and _x41_ and pi_123");
        String atLimit = "\u0001".repeat(ExportLimits.EXCEL_MAX_CELL_CHARS);
        assertThat(XlsxRowWriter.ooxmlEscaped(atLimit)).hasSize(ExportLimits.EXCEL_MAX_CELL_CHARS).matches("\uFFFD+");
    }

    @Test
    void moneyFormatsFollowTheCurrencysDecimals() {
        assertThat(XlsxRowWriter.moneyFormat("EUR", 2)).isEqualTo("#,##0.00 \"EUR\";[Red]-#,##0.00 \"EUR\"");
        assertThat(XlsxRowWriter.moneyFormat("JPY", 0)).isEqualTo("#,##0 \"JPY\";[Red]-#,##0 \"JPY\"");
        assertThat(XlsxRowWriter.moneyFormat("BH\"D", 3)).isEqualTo("#,##0.000 \"BHD\";[Red]-#,##0.000 \"BHD\"");
    }
}
