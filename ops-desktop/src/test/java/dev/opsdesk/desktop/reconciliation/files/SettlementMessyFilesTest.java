package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.client.model.Settlement.LineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Real downloads are re-saved by spreadsheets and people: the same content, differently written, reads the same. */
class SettlementMessyFilesTest {

    @TempDir
    Path dir;

    @Test
    void aBomSemicolonsAndDecimalCommasReadLikeTheOriginal() throws Exception {
        String semicolons = SettlementFixtures.text(SettlementFixtures.ADYEN).replace("42, NL13", "42 NL13").lines()
                .map(line -> line.replaceAll("(\\d)\\.(\\d\\d)(?=,|$)", "$1#$2")) // decimal points to a marker
                .map(line -> line.replace(",", ";").replace("#", ","))
                .reduce((a, b) -> a + "\r\n" + b).orElseThrow();
        Path file = SettlementFixtures.write(dir, "adyen-excel.csv", "\uFEFF" + semicolons + "\r\n");

        SettlementFile original = SettlementReader.read(SettlementFixtures.path(SettlementFixtures.ADYEN), null, null,
                ReadProgress.NONE);
        SettlementFile messy = SettlementReader.read(file, null, null, ReadProgress.NONE);

        assertThat(messy.layout()).isEqualTo("adyen");
        assertThat(messy.lines()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("raw", "description")
                .isEqualTo(original.lines());
        assertThat(messy.lines().get(0).raw()).contains(";97,20;");
    }

    @Test
    void aQuotedFieldWithLineBreaksKeepsTheLineNumbersAfterItPhysical() throws Exception {
        String text = SettlementFixtures.text(SettlementFixtures.STRIPE_PAYOUT)
                .replace("Order ORD-1001", "\"Order ORD-1001\nGift wrap, please\r\nThanks\"");
        Path file = SettlementFixtures.write(dir, "stripe-multiline.csv", text + "\n\n\n");

        SettlementFile read = SettlementReader.read(file, null, null, ReadProgress.NONE);

        assertThat(read.lines()).extracting(Settlement.Line::lineNumber).containsExactly(2, 5, 6, 7, 8);
        assertThat(read.lines().get(0).description()).isEqualTo("Order ORD-1001\nGift wrap, please\r\nThanks");
        assertThat(read.lines().get(0).raw()).contains("\"Order ORD-1001\nGift wrap, please\r\nThanks\"")
                .endsWith("ORD-1001");
        assertThat(read.lines().get(1).raw()).startsWith("po_1QaTest0001,2026-12-08 00:00:00,txn_1QaRefund01");
    }

    @Test
    void headerSpellingColumnOrderExtraColumnsAndTabsDoNotMatter() throws Exception {
        Path file = SettlementFixtures.write(dir, "stripe-tabs.tsv", String.join("\n",
                "Reporting_Category\t NET \tFee\tGross\tCurrency\tCreated_UTC\tSomething New\tpayment_metadata[order_id]",
                "charge\t96.80\t3.20\t100.00\tUSD\t2026-12-05 10:15:00\tx\tORD-1",
                "",
                "refund\t-20.00\t0.00\t-20.00\tusd\t2026-12-05 11:15:00\ty\tORD-2",
                "", ""));

        SettlementFile read = SettlementReader.read(file, SettlementLayout.STRIPE, null, ReadProgress.NONE);

        assertThat(read.lines()).extracting(Settlement.Line::lineNumber, Settlement.Line::kind,
                        Settlement.Line::merchantReference, Settlement.Line::gross, Settlement.Line::fee)
                .containsExactly(tuple(2, LineKind.CAPTURE, "ORD-1", 10000L, 320L),
                        tuple(4, LineKind.REFUND, "ORD-2", -2000L, 0L));
    }

    @Test
    void thousandsSeparatorsAndExtraZeroDecimalsAreAmountsToo() throws Exception {
        Path file = SettlementFixtures.write(dir, "stripe-big.csv", String.join("\n",
                "created_utc,currency,gross,fee,net,reporting_category",
                "2026-12-05 10:15:00,eur,\"1,234.5600\",\"12.30\",\"1,222.26\",charge"));

        SettlementFile read = SettlementReader.read(file, null, null, ReadProgress.NONE);

        assertThat(read.lines()).extracting(Settlement.Line::gross, Settlement.Line::fee, Settlement.Line::net)
                .containsExactly(tuple(123456L, 1230L, 122226L));
    }

    @Test
    void anAmbiguousZoneAbbreviationIsResolvedWithAWarning() throws Exception {
        String text = SettlementFixtures.text(SettlementFixtures.ADYEN).replace(",CEST,Settled,", ",CST,Settled,");
        Path file = SettlementFixtures.write(dir, "adyen-cst.csv", text);

        SettlementFile read = SettlementReader.read(file, null, null, ReadProgress.NONE);

        assertThat(read.lines().get(0).bookedAt()).isEqualTo(java.time.Instant.parse("2026-07-14T16:00:00Z"));
        assertThat(read.warnings()).anyMatch(w -> w.contains("CST read as US Central Standard Time"));
    }
}
