package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.Money;
import dev.opsdesk.client.model.ReplayPreview;
import dev.opsdesk.desktop.ui.Formats;

import java.util.List;
import java.util.Locale;

/**
 * What replaying one failure would do, in business words, from the server's preview: shown in the
 * confirmation before anything runs.
 *
 * @param failure     the failure to replay
 * @param effect      the predicted effect code
 * @param headline    the sentence that says what will happen ("This will capture €42.50 on order …")
 * @param explanation the server's own explanation
 * @param canConfirm  whether there is anything to confirm (false: quarantined, closed, not allowed)
 * @param warning     true when the replay is expected to fail again (still allowed)
 */
public record ReplayProposal(Failure failure, String effect, String headline, String explanation, boolean canConfirm,
                             boolean warning) {

    /** The confirmation for {@code failure} from its preview. */
    public static ReplayProposal of(Failure failure, ReplayPreview preview) {
        ReplayPreview.Item item = preview.items().stream()
                .filter(i -> failure.id().equals(i.failureId()))
                .findFirst()
                .orElse(null);
        String effect = item != null ? item.effect()
                : preview.byEffect().keySet().stream().findFirst().orElse("NOT_REPLAYABLE");
        String explanation = item != null && item.explanation() != null ? item.explanation() : "";
        String amount = Formats.money(failure.amount());
        // The server's totals are what the replay would move; the failure's own amount only when it sends none.
        String captured = totals(preview.captureTotals(), amount);
        String refunded = totals(preview.refundTotals(), amount);
        String order = failure.orderNumber() != null ? "order " + failure.orderNumber() : "this order";
        String via = failure.provider() != null ? " via " + FailureTexts.provider(failure.provider()) : "";
        return switch (effect) {
            case "CAPTURE_PAYMENT" -> new ReplayProposal(failure, effect,
                    "This will capture " + (captured.isEmpty() ? "the payment" : captured) + " on " + order + via + ".",
                    explanation, true, false);
            case "MARK_PAYMENT_FAILED" -> new ReplayProposal(failure, effect,
                    "This will mark the payment" + (amount.isEmpty() ? "" : " of " + amount) + " on " + order + via
                            + " as failed.", explanation, true, false);
            case "RECORD_REFUND" -> new ReplayProposal(failure, effect,
                    "This will record a refund of " + (refunded.isEmpty() ? "the payment" : refunded) + " on " + order + via
                            + ".", explanation, true, false);
            case "ALREADY_APPLIED" -> new ReplayProposal(failure, effect,
                    (Failure.PAYMENT_CALLBACK.equals(failure.queue())
                            ? capitalize(order) + " is already paid"
                            : "This was already applied")
                            + " — the replay will be skipped and the failure marked resolved. No money moves.",
                    explanation, true, false);
            case "FAIL_AGAIN" -> new ReplayProposal(failure, effect,
                    "This replay will most likely fail again — nothing has changed since the last attempt.",
                    explanation, true, true);
            case "SYNC_STOCK" -> new ReplayProposal(failure, effect,
                    "This will sync the stock of " + (failure.sku() != null ? "SKU " + failure.sku() : "the item")
                            + (failure.warehouse() != null ? " at " + failure.warehouse() : "")
                            + " between the platform, the ERP and the warehouse system.", explanation, true, false);
            case "EXPORT_SHIPMENT" -> new ReplayProposal(failure, effect,
                    "This will export the shipment of " + order + " to the ERP.", explanation, true, false);
            case "NOT_ALLOWED" -> new ReplayProposal(failure, effect,
                    "You may not replay this failure.", explanation, false, false);
            default -> new ReplayProposal(failure, effect,
                    failure.isQuarantined() ? "Quarantined: cannot be replayed."
                            : "This failure cannot be replayed.", explanation, false, false);
        };
    }

    private static String totals(List<Money> totals, String fallback) {
        return totals.isEmpty() ? fallback : Formats.joinWords(totals.stream().map(Formats::money).toList());
    }

    /** The confirm button's text. */
    public String confirmLabel() {
        return warning ? "_Replay anyway" : "_Replay now";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
