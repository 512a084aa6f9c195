package dev.opsdesk.client;

import com.fasterxml.jackson.databind.JavaType;
import dev.opsdesk.client.internal.ApiTransport;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.StockCount;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Blind stock counts ({@code stockcount.submit} on the warehouse to count; the answers never carry expected
 * quantities). A submitted count becomes a reconciliation run of kind {@code STOCK_COUNT}, reviewed and approved
 * through {@link ReconciliationService}.
 */
public final class StockCountService {

    private static final String COUNTS = "/v1/stock-counts";

    private final ApiTransport transport;

    StockCountService(ApiTransport transport) {
        this.transport = transport;
    }

    public Page<StockCount.Count> counts(String warehouse, StockCount.State state, PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("warehouse", warehouse);
        query.put("state", state == null ? null : state.name());
        query.put("limit", page.limit());
        query.put("cursor", page.cursor());
        return transport.get(COUNTS, query, page(StockCount.Count.class));
    }

    /** {@code POST /v1/stock-counts}: {@code zone} for ZONE, {@code codes} (SKUs or EANs) for LIST. */
    public StockCount.Count start(String warehouse, StockCount.Scope scope, String zone, List<String> codes,
                                  RequestOptions action) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("warehouse", warehouse);
        body.put("scope", scope.name());
        if (scope == StockCount.Scope.ZONE) {
            body.put("zone", zone);
        }
        if (scope == StockCount.Scope.LIST) {
            body.put("codes", codes);
        }
        return transport.post(COUNTS, body, type(StockCount.Count.class), Objects.requireNonNull(action, "action"),
                true);
    }

    public StockCount.Count count(String countId) {
        return transport.get(COUNTS + "/" + countId, null, type(StockCount.Count.class));
    }

    public Page<StockCount.Line> lines(String countId, String q, Boolean uncounted, PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("q", q == null || q.isBlank() ? null : q.trim());
        query.put("uncounted", uncounted);
        query.put("limit", page.limit());
        query.put("cursor", page.cursor());
        return transport.get(COUNTS + "/" + countId + "/lines", query, page(StockCount.Line.class));
    }

    public Page<StockCount.Entry> entries(String countId, String sku, PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("sku", sku);
        query.put("limit", page.limit());
        query.put("cursor", page.cursor());
        return transport.get(COUNTS + "/" + countId + "/entries", query, page(StockCount.Entry.class));
    }

    /**
     * {@code POST …/entries}: all or nothing. An unknown code is a {@link ValidationException} whose field errors
     * name the entry ({@code entries[3].code}).
     *
     * @param fileName the scanner file the entries came from; null for typed entries
     */
    public StockCount.EntriesResult addEntries(String countId, List<StockCount.EntryInput> entries, String fileName,
                                               RequestOptions action) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", entries.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", e.code());
            m.put("quantity", e.quantity());
            m.put("source", (e.source() == null ? StockCount.Source.KEYED : e.source()).name());
            if (e.fileLine() != null) {
                m.put("fileLine", e.fileLine());
            }
            return m;
        }).toList());
        if (fileName != null) {
            body.put("fileName", fileName);
        }
        return transport.post(COUNTS + "/" + countId + "/entries", body, type(StockCount.EntriesResult.class),
                Objects.requireNonNull(action, "action"), true);
    }

    /**
     * {@code POST …/submit}: the count becomes a {@code STOCK_COUNT} run in review.
     *
     * @throws ConflictException {@code count-incomplete} (with {@code problem().uncountedLines()}) when lines were not
     *                           counted and {@code uncountedAsZero} is false
     */
    public Reconciliation.Run submit(String countId, boolean uncountedAsZero, RequestOptions action) {
        return transport.postLong(COUNTS + "/" + countId + "/submit", Map.of("uncountedAsZero", uncountedAsZero),
                type(Reconciliation.Run.class), Objects.requireNonNull(action, "action"),
                ReconciliationService.MATCH_PATIENCE);
    }

    public StockCount.Count cancel(String countId, String reason, RequestOptions action) {
        return transport.post(COUNTS + "/" + countId + "/cancel", Map.of("reason", reason.trim()),
                type(StockCount.Count.class), Objects.requireNonNull(action, "action"), true);
    }

    private JavaType type(Class<?> c) {
        return transport.mapper().getTypeFactory().constructType(c);
    }

    private JavaType page(Class<?> c) {
        return transport.mapper().getTypeFactory().constructParametricType(Page.class, c);
    }
}
