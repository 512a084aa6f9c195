package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.client.model.Settlement.LineKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.opsdesk.desktop.reconciliation.files.SettlementFixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Each provider's report, written as its documentation shows it, read back into the lines Finance expects. */
class SettlementLayoutsTest {

    @Test
    void adyenSettlementDetailsAreReadInTheAccountsZoneWithFeesAddedUp() throws Exception {
        SettlementFile file = SettlementReader.read(path(SettlementFixtures.ADYEN), null, null, ReadProgress.NONE);

        assertThat(file.layout()).isEqualTo("adyen");
        assertThat(file.provider()).isEqualTo(Settlement.Provider.ADYEN);
        assertThat(file.lines()).extracting(Settlement.Line::lineNumber, Settlement.Line::kind,
                        Settlement.Line::providerReference, Settlement.Line::merchantReference, Settlement.Line::currency,
                        Settlement.Line::gross, Settlement.Line::fee, Settlement.Line::net)
                .containsExactly(
                        tuple(2, LineKind.CAPTURE, "8815700000000001", "ORD-1001", "EUR", 10000L, 280L, 9720L),
                        tuple(3, LineKind.REFUND, "8815700000000002", "ORD-0990", "EUR", -3000L, 20L, -3020L),
                        tuple(4, LineKind.CHARGEBACK, "8815700000000003", "ORD-0950", "EUR", -5000L, 750L, -5750L),
                        tuple(5, LineKind.CHARGEBACK_REVERSAL, "8815700000000003", "ORD-0950", "EUR", 5000L, 0L, 5000L),
                        tuple(6, LineKind.FEE, null, null, "EUR", -100L, 0L, -100L),
                        tuple(7, LineKind.PAYOUT, null, null, "EUR", -5850L, 0L, -5850L));
        assertThat(file.lines()).extracting(Settlement.Line::batchReference).containsOnly("42");
        // CEST is UTC+2 in July, CET UTC+1 in November: the abbreviation itself says which
        assertThat(file.lines().get(0).bookedAt()).isEqualTo(Instant.parse("2026-07-14T08:00:00Z"));
        assertThat(file.lines().get(2).bookedAt()).isEqualTo(Instant.parse("2026-11-02T08:30:00Z"));
        assertThat(file.lines().get(0).raw()).startsWith("OpsDeskShop,OpsDeskShopEU,8815700000000001,ORD-1001,visa");
        assertThat(file.lines().get(4).description()).isEqualTo("Fee: Transaction Fees November 2026");
        assertThat(file.warnings()).isEmpty();
    }

    @Test
    void stripePayoutReconciliationKeepsStripesSignsAndTheCurrencysOwnDecimals() throws Exception {
        SettlementFile file = SettlementReader.read(path(SettlementFixtures.STRIPE_PAYOUT), null, null, ReadProgress.NONE);

        assertThat(file.layout()).isEqualTo("stripe");
        assertThat(file.lines()).extracting(Settlement.Line::kind, Settlement.Line::providerReference,
                        Settlement.Line::merchantReference, Settlement.Line::batchReference, Settlement.Line::currency,
                        Settlement.Line::gross, Settlement.Line::fee, Settlement.Line::net)
                .containsExactly(
                        tuple(LineKind.CAPTURE, "pi_1QaCharge01", "ORD-1001", "po_1QaTest0001", "USD", 10000L, 320L, 9680L),
                        tuple(LineKind.REFUND, "pi_1QaCharge00", "ORD-0990", "po_1QaTest0001", "USD", -2000L, 0L, -2000L),
                        tuple(LineKind.CHARGEBACK, "pi_1QaCharge02", "ORD-0950", "po_1QaTest0001", "USD", -5000L, 1500L, -6500L),
                        tuple(LineKind.FEE, "txn_1QaFee00001", null, "po_1QaTest0001", "USD", -200L, 0L, -200L),
                        tuple(LineKind.CAPTURE, "pi_1QaChargeJP", "ORD-1002", "po_1QaTest0002", "JPY", 1000L, 36L, 964L));
        assertThat(file.lines().get(0).bookedAt()).isEqualTo(Instant.parse("2026-12-05T10:15:00Z"));
        // the refund was made on the 5th in UTC, on the 6th in the report's zone (the "created" column)
        assertThat(file.preview().period()).isEqualTo(new Settlement.Period(LocalDate.of(2026, 12, 5),
                LocalDate.of(2026, 12, 6)));
        assertThat(file.warnings()).anyMatch(w -> w.contains("2 currencies (JPY, USD)"));
    }

    @Test
    void stripeBalanceChangePayoutIsOutgoingAndMatchesItsBatch() throws Exception {
        SettlementPreview preview = SettlementReader.preview(path(SettlementFixtures.STRIPE_BALANCE), null, null,
                ReadProgress.NONE);

        assertThat(preview.byKind()).containsEntry(LineKind.CAPTURE, 1L).containsEntry(LineKind.REFUND, 1L)
                .containsEntry(LineKind.PAYOUT, 1L);
        assertThat(preview.totals()).containsExactly(new Settlement.Totals("EUR", 8000, 320, 7680));
        assertThat(preview.payouts()).containsExactly(new Settlement.Payout("EUR", 7680));
        assertThat(preview.warnings()).isEmpty();
    }

    @Test
    void paypalSettlementReportUsesDebitCreditColumnsMinorUnitsAndTheWrittenOffset() throws Exception {
        SettlementFile file = SettlementReader.read(path(SettlementFixtures.PAYPAL), null, null, ReadProgress.NONE);

        assertThat(file.layout()).isEqualTo("paypal");
        assertThat(file.lines()).extracting(Settlement.Line::lineNumber, Settlement.Line::kind,
                        Settlement.Line::providerReference, Settlement.Line::merchantReference,
                        Settlement.Line::gross, Settlement.Line::fee, Settlement.Line::net, Settlement.Line::bookedAt)
                .containsExactly(
                        tuple(5, LineKind.CAPTURE, "5HF29617FE088584U", "ORD-1001", 10000L, 320L, 9680L,
                                Instant.parse("2026-12-05T18:15:00Z")),
                        tuple(6, LineKind.REFUND, "7KT43311AB123456C", "ORD-0990", -2500L, -75L, -2425L,
                                Instant.parse("2026-12-05T20:00:00Z")),
                        tuple(7, LineKind.CHARGEBACK, "9AB12345CD678901E", "ORD-0950", -4000L, 2000L, -6000L,
                                Instant.parse("2026-12-06T00:30:00Z")),
                        tuple(8, LineKind.PAYOUT, "1WD00000000000001", null, -5000L, 0L, -5000L,
                                Instant.parse("2026-12-06T07:00:00Z")));
        // the chargeback is on the 6th in UTC but on PayPal's 5th (-0800)
        assertThat(file.preview().period()).isEqualTo(new Settlement.Period(LocalDate.of(2026, 12, 5),
                LocalDate.of(2026, 12, 5)));
        assertThat(file.preview().payouts()).containsExactly(new Settlement.Payout("USD", 5000));
        assertThat(file.warnings()).singleElement().asString().contains("skipped");
    }

    @Test
    void genericMappingReadsABankExportWithDecimalCommasInItsOwnZone() throws Exception {
        Settlement.Mapping mapping = bankMapping();

        SettlementFile file = SettlementReader.read(path(SettlementFixtures.GENERIC), null, mapping, ReadProgress.NONE);

        assertThat(file.layout()).isEqualTo("Hausbank");
        assertThat(file.provider()).isEqualTo(Settlement.Provider.OTHER);
        assertThat(file.lines()).extracting(Settlement.Line::kind, Settlement.Line::providerReference,
                        Settlement.Line::merchantReference, Settlement.Line::gross, Settlement.Line::fee,
                        Settlement.Line::net, Settlement.Line::bookedAt)
                .containsExactly(
                        tuple(LineKind.CAPTURE, "PSP-1", "ORD-3001", 123456L, 1235L, 122221L,
                                Instant.parse("2026-12-05T09:15:00Z")),
                        tuple(LineKind.REFUND, "PSP-2", "ORD-2990", -2000L, 0L, -2000L,
                                Instant.parse("2026-12-05T22:30:00Z")));
    }

    static Settlement.Mapping bankMapping() {
        return new Settlement.Mapping("Hausbank",
                Map.of("bookedAt", "Buchungstag", "currency", "Waehrung", "gross", "Betrag", "fee", "Gebuehr",
                        "kind", "Art", "providerReference", "Referenz", "merchantReference", "Bestellnummer",
                        "description", "Verwendungszweck"),
                Map.of("Zahlung", LineKind.CAPTURE, "Erstattung", LineKind.REFUND), "dd.MM.yyyy HH:mm",
                "Europe/Berlin", true, false, "finance", Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void theLayoutIsDetectedFromTheHeaderNamesOrPayPalsRecordTypes() throws Exception {
        assertThat(SettlementReader.detect(path(SettlementFixtures.ADYEN))).contains(SettlementLayout.ADYEN);
        assertThat(SettlementReader.detect(path(SettlementFixtures.STRIPE_BALANCE))).contains(SettlementLayout.STRIPE);
        assertThat(SettlementReader.detect(path(SettlementFixtures.PAYPAL))).contains(SettlementLayout.PAYPAL);
        assertThat(SettlementReader.detect(path(SettlementFixtures.GENERIC))).isEmpty();
        assertThat(SettlementReader.detect(List.of(" CREATED_UTC", "Currency", "GROSS", "fee", "net",
                "Reporting_Category"))).contains(SettlementLayout.STRIPE);
    }
}
