package dev.opsdesk.sandbox.stockcount;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The wire shapes of the contract's stock-count schemas. None of them has a place for the on-hand or its version:
 * the count is blind, and these records are all the stock-count routes answer with.
 */
public final class StockCountViews {

    private StockCountViews() {
    }

    public record Count(String id, String warehouse, String scope, String zone, String state, String startedBy,
                        Instant startedAt, Instant submittedAt, int lines, int countedLines, int entries, String runId,
                        int version) {
    }

    public record Line(String sku, String ean, String name, String unit, String zone, Integer counted, int entries,
                       boolean addedByCount) {
    }

    public record Entry(long id, String sku, String code, int quantity, String source, String fileName,
                        Integer fileLine, String by, Instant at) {
    }

    public record EntriesResult(int accepted, List<Line> lines, Count count) {
    }

    /** An entry as sent: a SKU or EAN, a signed quantity, how it was taken, and the scanner file's line. */
    public record EntryInput(String code, int quantity, String source, Integer fileLine) {
    }

    public record Page<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }
}
