package dev.opsdesk.client;

import com.fasterxml.jackson.databind.JavaType;
import dev.opsdesk.client.internal.ApiTransport;
import dev.opsdesk.client.model.AuditCheckpoint;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.client.model.AuditFilter;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** The audit trail (needs {@code audit.read}; exports need {@code audit.export}). */
public final class AuditService {

    /** Page order. */
    public enum Direction { NEWEST_FIRST, OLDEST_FIRST }

    private final ApiTransport transport;
    private final JavaType eventPage;

    AuditService(ApiTransport transport) {
        this.transport = transport;
        this.eventPage = transport.mapper().getTypeFactory().constructParametricType(Page.class, AuditEvent.class);
    }

    /** {@code GET /v1/audit/events}: one page. */
    public Page<AuditEvent> list(AuditFilter filter, Direction direction, PageRequest page) {
        return transport.get("/v1/audit/events", query(filter, direction, page), eventPage);
    }

    /** Every matching event, page by page as the iteration proceeds. */
    public Iterable<AuditEvent> all(AuditFilter filter, Direction direction) {
        return Paging.iterate(PageRequest.MAX_LIMIT, page -> list(filter, direction, page));
    }

    /**
     * {@code GET /v1/audit/export}: the same pages, for an export (needs {@code audit.export}); the server records
     * the export itself when the first page is fetched.
     */
    public Page<AuditEvent> exportPage(AuditFilter filter, Direction direction, PageRequest page) {
        return transport.get("/v1/audit/export", query(filter, direction, page), eventPage);
    }

    /** Every matching event through the export endpoint. */
    public Iterable<AuditEvent> exportAll(AuditFilter filter, Direction direction) {
        return Paging.iterate(PageRequest.MAX_LIMIT, page -> exportPage(filter, direction, page));
    }

    /** {@code GET /v1/audit/checkpoint}. */
    public AuditCheckpoint checkpoint() {
        return transport.get("/v1/audit/checkpoint", null, transport.mapper().constructType(AuditCheckpoint.class));
    }

    private static Map<String, Object> query(AuditFilter filter, Direction direction, PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>(filter.toQuery());
        if (direction == Direction.OLDEST_FIRST) {
            query.put("direction", "asc");
        }
        query.put("limit", page.limit());
        query.put("cursor", page.cursor());
        return query;
    }
}
