package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A file that breaks its layout stops at the line and column that break it, and nothing of it comes back. */
class SettlementMalformedFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: \"{2}\" -> line {3}, {4}")
    @CsvSource(delimiter = '|', textBlock = """
            adyen-settlement-details.csv | ,97.20,         | ,"12,3x",      | 2 | 'line 2, column "Net Credit (NC)": expected an amount like 12.34 EUR, found "12,3x"'
            adyen-settlement-details.csv | 2026-11-02 09:30:00 | 2026-11-31 09:30:00 | 4 | 'line 4, column "Creation Date": expected a date and time like 2026-12-05 10:15:00, found "2026-11-31 09:30:00"'
            adyen-settlement-details.csv | ,1,EUR,,50.00,   | ,1,EUX,,50.00, | 5 | 'line 5, column "Net Currency": expected an ISO 4217 currency code like EUR, found "EUX"'
            adyen-settlement-details.csv | ,Fee,           | ,Fees,         | 6 | 'line 6, column "Type": expected an Adyen record type'
            adyen-settlement-details.csv | ,CET,MerchantPayout, | ,,MerchantPayout, | 7 | 'line 7, column "TimeZone": expected a time zone like CET or CEST, found nothing'
            adyen-settlement-details.csv | ,CET,Chargeback, | ,XYZT,Chargeback, | 4 | 'line 4, column "TimeZone": expected a time zone like CET, CEST, PST or Europe/Amsterdam, found "XYZT"'
            adyen-settlement-details.csv | ,Net Debit (NC), | ,Net Debt (NC), | 1 | 'line 1: the header has no column "Net Debit (NC)", which the Adyen settlement details report needs'
            stripe-balance-change.itemized.csv | -20.00,0.00,-20.00 | -20.00,0.00,-21.00 | 3 | 'line 3, column "net": expected net = gross − fee'
            stripe-balance-change.itemized.csv | 2026-12-05 11:00:00,2026 | 5.12.2026 11:00,2026 | 3 | 'line 3, column "created_utc": expected a date and time like 2026-12-05 10:15:00 (UTC), found "5.12.2026 11:00"'
            paypal-settlement.STL-20261205.01.009.csv | "CR",10000 | "CR",100.00 | 5 | 'line 5, column "Gross Transaction Amount": expected an amount in minor units like 1234 (no decimal mark), found "100.00"'
            paypal-settlement.STL-20261205.01.009.csv | "DR",4000 | "XX",4000 | 7 | 'line 7, column "Transaction Debit or Credit": expected CR or DR, found "XX"'
            paypal-settlement.STL-20261205.01.009.csv | 16:30:00 -0800,"DR" | 16:30:00,"DR" | 7 | 'line 7, column "Transaction Completion Date": expected a date and time with its offset'
            paypal-settlement.STL-20261205.01.009.csv | "T1201" | "X1201" | 7 | 'line 7, column "Transaction Event Code": expected a transaction event code like T0006, found "X1201"'
            paypal-settlement.STL-20261205.01.009.csv | "SC",4 | "ZZ",4 | 10 | 'line 10, column "record type (first column)": expected a settlement report record type'
            paypal-settlement.STL-20261205.01.009.csv | "CH", | "XH", | 4 | 'line 4, column "record type (first column)": expected a settlement report record type'
            """)
    void aBrokenFileStopsAtItsLineAndColumn(String fixture, String original, String broken, int line, String message) {
        String text = SettlementFixtures.text(fixture);
        assertThat(text).contains(original.strip());
        String brokenText = replaceOnLine(text, line, original.strip(), broken.strip());
        Path file = SettlementFixtures.write(dir, "broken-" + fixture, brokenText);
        List<Settlement.Line> kept = new ArrayList<>();

        SettlementFormatException e = catchThrowableOfType(
                () -> SettlementReader.read(file, null, null, ReadProgress.NONE), SettlementFormatException.class);

        assertThat(e).as("reading %s", brokenText).isNotNull();
        assertThat(e.getMessage()).startsWith(message);
        assertThat(e.lineNumber()).isEqualTo(line);
        assertThatThrownBy(() -> SettlementReader.forEachLine(file, null, null, ReadProgress.NONE, kept::add))
                .isInstanceOf(SettlementFormatException.class);
    }

    private static String replaceOnLine(String text, int line, String original, String broken) {
        String[] lines = text.split("\n", -1);
        assertThat(lines[line - 1]).contains(original);
        lines[line - 1] = lines[line - 1].replace(original, broken);
        return String.join("\n", lines);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            'Datum,Betrag\n2026-12-05,1.00\n' | 'line 1: the header is not one of a Stripe itemized report'
            '"SB","x"\n' | 'line 1: the header is not one of'
            """)
    void aFileOfNoKnownLayoutIsRefusedAtItsHeader(String content, String message) {
        Path file = SettlementFixtures.write(dir, "unknown.csv", content.replace("\\n", "\n"));

        assertThatThrownBy(() -> SettlementReader.read(file, null, null, ReadProgress.NONE))
                .isInstanceOf(SettlementFormatException.class).hasMessageStartingWith(message);
    }

    @org.junit.jupiter.api.Test
    void paypalBodyBeforeItsColumnHeaderIsRefused() {
        Path file = SettlementFixtures.write(dir, "paypal-no-ch.csv",
                "\"RH\",2026/12/06 04:12:09 -0800,\"A\",\"M\",009,\n\"SB\",\"x\",\"\",\"\",\"\",\"T0006\"\n");

        assertThatThrownBy(() -> SettlementReader.read(file, null, null, ReadProgress.NONE))
                .isInstanceOf(SettlementFormatException.class)
                .hasMessageStartingWith("line 2, column \"record type (first column)\": expected a CH (column header)");
    }

    @org.junit.jupiter.api.Test
    void aCancelledReadStopsWithoutAResult() {
        Path file = SettlementFixtures.path(SettlementFixtures.ADYEN);
        ReadProgress cancelled = new ReadProgress() {
            @Override
            public void progress(long lines, long bytes, long total) {
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };

        assertThatThrownBy(() -> SettlementReader.read(file, null, null, cancelled))
                .isInstanceOf(SettlementReadCancelledException.class);
    }
}
