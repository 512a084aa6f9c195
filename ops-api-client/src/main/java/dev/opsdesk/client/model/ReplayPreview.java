package dev.opsdesk.client.model;

import java.util.List;
import java.util.Map;

/** What a replay of a selection would do, computed by the server without changing anything. */
public record ReplayPreview(long total, Map<String, Long> byEffect, List<Item> items, boolean truncated) {

    public ReplayPreview {
        byEffect = byEffect == null ? Map.of() : Map.copyOf(byEffect);
        items = items == null ? List.of() : List.copyOf(items);
    }

    public long count(String effect) {
        return byEffect.getOrDefault(effect, 0L);
    }

    public record Item(String failureId, String effect, String explanation) {
    }
}
