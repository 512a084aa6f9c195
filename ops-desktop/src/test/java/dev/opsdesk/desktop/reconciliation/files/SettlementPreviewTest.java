package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.client.model.Settlement.LineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The few figures a person checks before importing: they add up, and say when they do not. */
class SettlementPreviewTest {

    @TempDir
    Path dir;

    @Test
    void aCompleteBatchNetsToItsPayout() throws Exception {
        SettlementPreview preview = SettlementReader.preview(SettlementFixtures.path(SettlementFixtures.ADYEN), null,
                null, ReadProgress.NONE);

        assertThat(preview.layout()).isEqualTo("adyen");
        assertThat(preview.lines()).isEqualTo(6);
        assertThat(preview.period()).isEqualTo(new Settlement.Period(LocalDate.of(2026, 7, 14), LocalDate.of(2026, 11, 4)));
        assertThat(preview.byKind()).containsEntry(LineKind.CAPTURE, 1L).containsEntry(LineKind.REFUND, 1L)
                .containsEntry(LineKind.CHARGEBACK, 1L).containsEntry(LineKind.CHARGEBACK_REVERSAL, 1L)
                .containsEntry(LineKind.FEE, 1L).containsEntry(LineKind.PAYOUT, 1L)
                .containsEntry(LineKind.ADJUSTMENT, 0L).containsEntry(LineKind.OTHER, 0L);
        assertThat(preview.totals()).containsExactly(new Settlement.Totals("EUR", 6900, 1050, 5850));
        assertThat(preview.payouts()).containsExactly(new Settlement.Payout("EUR", 5850));
        assertThat(preview.totals().get(0).net()).isEqualTo(preview.payouts().get(0).amount());
        assertThat(preview.warnings()).isEmpty();
    }

    @Test
    void theNextDaysPayoutDoesNotWidenThePeriodToThatDaysCaptures() throws Exception {
        Path file = SettlementFixtures.write(dir, "adyen-day.csv", "Company Account,Merchant Account,Psp Reference,"
                + "Merchant Reference,Payment Method,Creation Date,TimeZone,Type,Modification Reference,Gross Currency,"
                + "Gross Debit (GC),Gross Credit (GC),Exchange Rate,Net Currency,Net Debit (NC),Net Credit (NC),"
                + "Commission (NC),Markup (NC),Scheme Fees (NC),Interchange (NC),Payment Method Variant,"
                + "Modification Merchant Reference,Batch Number\n"
                + "Shop,ShopEU,1111,ORD-1,visa,2026-12-04 10:00:00,CET,Settled,,EUR,,10.00,1,EUR,,9.80,0.20,,,,visa,,7\n"
                + "Shop,ShopEU,2222,ORD-2,visa,2026-12-04 23:30:00,CET,Settled,,EUR,,5.00,1,EUR,,4.90,0.10,,,,visa,,7\n"
                + "Shop,ShopEU,,,,2026-12-05 06:00:00,CET,MerchantPayout,,EUR,14.70,,1,EUR,14.70,,,,,,,,7\n");

        SettlementPreview preview = SettlementReader.preview(file, null, null, ReadProgress.NONE);

        assertThat(preview.period()).as("the captures' day; the payout leaves the next morning")
                .isEqualTo(new Settlement.Period(LocalDate.of(2026, 12, 4), LocalDate.of(2026, 12, 4)));
        assertThat(preview.payouts()).containsExactly(new Settlement.Payout("EUR", 1470));
    }

    @Test
    void aBatchThatDoesNotAddUpIsWarnedAbout() throws Exception {
        String text = SettlementFixtures.text(SettlementFixtures.ADYEN).replace(",EUR,58.50,", ",EUR,58.40,");
        Path file = SettlementFixtures.write(dir, "adyen-short.csv", text);

        SettlementPreview preview = SettlementReader.preview(file, null, null, ReadProgress.NONE);

        assertThat(preview.warnings()).containsExactly(
                "payout batch 42 (EUR): the lines' net is 58.50 EUR but the payout is 58.40 EUR");
    }

    @Test
    void theStreamingReadHandsOverTheSameLinesAsTheWholeRead() throws Exception {
        Path file = SettlementFixtures.path(SettlementFixtures.PAYPAL);
        List<Settlement.Line> streamed = new ArrayList<>();
        List<long[]> progress = new ArrayList<>();

        SettlementPreview preview = SettlementReader.forEachLine(file, null, null,
                (lines, bytes, total) -> progress.add(new long[]{lines, bytes, total}), streamed::add);

        assertThat(streamed).isEqualTo(SettlementReader.read(file, null, null, ReadProgress.NONE).lines());
        assertThat(preview.lines()).isEqualTo(4);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)[1]).isEqualTo(progress.get(progress.size() - 1)[2]);
    }
}
