package dev.opsdesk.client.model;

import java.time.Instant;
import java.util.List;

/** Stock counts as the counter sees them — never with expected quantities (the contract's schemas of the same names). */
public final class StockCount {

    private StockCount() {
    }

    public enum State { OPEN, SUBMITTED, CANCELLED }

    public enum Scope { ALL, ZONE, LIST }

    /** How an entry was made. */
    public enum Source { KEYED, SCANNED, SCANNER_FILE, CORRECTION }

    public record Count(String id, String warehouse, Scope scope, String zone, State state, String startedBy,
                        Instant startedAt, Instant submittedAt, int lines, int countedLines, Integer entries,
                        String runId, long version) {
    }

    /** A line of the count sheet: what is counted so far ({@code counted} null while nobody counted it). */
    public record Line(String sku, String ean, String name, String unit, String zone, Integer counted, int entries,
                       boolean addedByCount) {
    }

    /** One counted quantity to record: a SKU or EAN, as typed, scanned or read from a scanner file. */
    public record EntryInput(String code, int quantity, Source source, Integer fileLine) {
    }

    /** An entry as recorded: evidence of who counted what, how and when. */
    public record Entry(long id, String sku, String code, int quantity, Source source, String fileName,
                       Integer fileLine, String by, Instant at) {
    }

    public record EntriesResult(int accepted, List<Line> lines, Count count) {

        public EntriesResult {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }
    }

    /** A stock movement between a count's start and its review. */
    public record Movement(Instant at, int delta, String cause) {
    }
}
