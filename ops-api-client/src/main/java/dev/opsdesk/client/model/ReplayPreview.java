package dev.opsdesk.client.model;

import java.util.List;
import java.util.Map;

/**
 * What a replay of a selection would do, computed by the server without changing anything.
 *
 * @param captureTotals per currency, the money the replay would capture (over every item, listed or not)
 * @param refundTotals  per currency, the refunds it would record
 */
public record ReplayPreview(long total, Map<String, Long> byEffect, List<Money> captureTotals,
                            List<Money> refundTotals, List<Item> items, boolean truncated) {

    public ReplayPreview {
        byEffect = byEffect == null ? Map.of() : Map.copyOf(byEffect);
        captureTotals = captureTotals == null ? List.of() : List.copyOf(captureTotals);
        refundTotals = refundTotals == null ? List.of() : List.copyOf(refundTotals);
        items = items == null ? List.of() : List.copyOf(items);
    }

    public long count(String effect) {
        return byEffect.getOrDefault(effect, 0L);
    }

    /** One failure's predicted effect; order number and amount are null where the caller may not read it. */
    public record Item(String failureId, String effect, String explanation, String orderNumber, Money amount) {
    }
}
