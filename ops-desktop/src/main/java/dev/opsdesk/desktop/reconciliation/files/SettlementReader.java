package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a payment provider's settlement report, CSV or XLSX, into normalised {@link Settlement.Line}s.
 *
 * <p>The layout is detected from the header (PayPal's STL by its record types) unless the caller names one; a
 * generic file needs the {@link Settlement.Mapping} the person saved. A file that does not follow its layout stops
 * the read with a {@link SettlementFormatException} naming line, column and what was expected, and nothing is
 * returned. Things worth a look that do not stop the read (several currencies, a batch that does not add up to its
 * payout, an assumed time zone) come back as warnings in the {@link SettlementPreview}.
 *
 * <p>Reading blocks and touches the file: call it from a background task, passing a {@link ReadProgress} that
 * reports progress and answers cancel. {@link #forEachLine} streams: memory stays flat whatever the file's size.
 */
public final class SettlementReader {

    private static final int PROGRESS_EVERY = 4096;

    private SettlementReader() {
    }

    /**
     * The layout a header row belongs to, from its column names (or, for PayPal, the record type in its first
     * field); empty when it is none of the providers'.
     */
    public static Optional<SettlementLayout> detect(List<String> headerCells) {
        Row row = new Row(1, headerCells, "");
        if (PayPalLayout.looksLikeHeader(row)) {
            return Optional.of(SettlementLayout.PAYPAL);
        }
        Header header = new Header(row);
        if (AdyenLayout.looksLikeHeader(header)) {
            return Optional.of(SettlementLayout.ADYEN);
        }
        if (StripeLayout.looksLikeHeader(header)) {
            return Optional.of(SettlementLayout.STRIPE);
        }
        return Optional.empty();
    }

    /** The layout of a file, from its first non-blank row (the first sheet that has one known, for XLSX). */
    public static Optional<SettlementLayout> detect(Path file) throws IOException, SettlementFormatException {
        try (RowSource rows = open(file, false, r -> detect(r.fields).isPresent())) {
            Row first = rows.next();
            return first == null ? Optional.empty() : detect(first.fields);
        }
    }

    /**
     * The cells of the file's first non-blank row (of the first sheet that has one, for XLSX), stripped, as the person
     * sees them: the columns a generic mapping can choose from. Empty for an empty file.
     */
    public static List<String> header(Path file) throws IOException, SettlementFormatException {
        try (RowSource rows = open(file, false, r -> true)) {
            Row first = rows.next();
            if (first == null) {
                return List.of();
            }
            List<String> cells = new ArrayList<>(first.size());
            for (int i = 0; i < first.size(); i++) {
                cells.add(first.get(i).replace("\uFEFF", ""));
            }
            return List.copyOf(cells);
        }
    }

    /**
     * Reads the whole file into memory: every line, in file order, and the preview. For the upload; a large file is
     * better streamed with {@link #forEachLine}.
     *
     * @param layout   the layout to read with, or null to detect it ({@link SettlementLayout#GENERIC} when a mapping is given)
     * @param mapping  the generic layout's mapping; required for {@link SettlementLayout#GENERIC}, else ignored
     * @param progress progress and cancel; {@link ReadProgress#NONE} for none
     * @throws SettlementFormatException         the file does not follow its layout (line, column, what was expected)
     * @throws SettlementReadCancelledException  {@code progress} asked to stop, or the thread was interrupted
     * @throws IOException                       the file cannot be read
     */
    public static SettlementFile read(Path file, SettlementLayout layout, Settlement.Mapping mapping,
                                      ReadProgress progress) throws IOException, SettlementFormatException {
        List<Settlement.Line> lines = new ArrayList<>();
        SettlementPreview preview = forEachLine(file, layout, mapping, progress, lines::add);
        return new SettlementFile(preview.layout(), preview.provider(), lines, preview);
    }

    /** The preview only: counts, period, totals, payouts and warnings, read streaming. Same arguments as {@link #read}. */
    public static SettlementPreview preview(Path file, SettlementLayout layout, Settlement.Mapping mapping,
                                           ReadProgress progress) throws IOException, SettlementFormatException {
        return forEachLine(file, layout, mapping, progress, line -> { });
    }

    /**
     * Streams the file's lines to {@code consumer} in file order, holding none of them, and returns the preview.
     * When it throws, the consumer has seen some lines: it must then discard them (nothing of a bad file is imported).
     * Same arguments as {@link #read}.
     */
    public static SettlementPreview forEachLine(Path file, SettlementLayout layout, Settlement.Mapping mapping,
                                                ReadProgress progress, Consumer<Settlement.Line> consumer)
            throws IOException, SettlementFormatException {
        if (layout == null && mapping != null) {
            layout = SettlementLayout.GENERIC;
        }
        if (layout == SettlementLayout.GENERIC && mapping == null) {
            throw new IllegalArgumentException("the generic layout needs a mapping");
        }
        ReadProgress report = progress == null ? ReadProgress.NONE : progress;
        long size = Files.size(file);
        Warnings warnings = new Warnings();
        PreviewAccumulator accumulator = new PreviewAccumulator(consumer);
        SettlementLayout wanted = layout;
        boolean decimalComma = layout == SettlementLayout.GENERIC && mapping.decimalComma();
        try (RowSource rows = open(file, decimalComma, r -> isHeader(r, wanted, mapping))) {
            Row first = rows.next();
            if (first == null) {
                throw new SettlementFormatException(0, null, "the file is empty");
            }
            if (layout == null) {
                layout = detect(first.fields).orElseThrow(() -> new SettlementFormatException(first.lineNumber, null,
                        "the header is not one of a Stripe itemized report, an Adyen settlement details report or a"
                                + " PayPal settlement report; choose the layout, or a saved mapping"));
            }
            LayoutParser parser = parser(layout, mapping, accumulator, warnings, rows.decimalComma());
            long records = 0;
            for (Row row = first; row != null; row = rows.next()) {
                parser.row(row);
                if (++records % PROGRESS_EVERY == 0) {
                    checkCancelled(report, rows.linesRead());
                    report.progress(rows.linesRead(), rows.bytesRead(), size);
                }
            }
            parser.finish();
            checkCancelled(report, rows.linesRead());
            report.progress(rows.linesRead(), size, size);
        }
        String name = layout == SettlementLayout.GENERIC ? mapping.name() : layout.id();
        return accumulator.preview(name, layout.provider(), warnings);
    }

    private static void checkCancelled(ReadProgress progress, long lines) {
        if (progress.cancelled() || Thread.currentThread().isInterrupted()) {
            throw new SettlementReadCancelledException(lines);
        }
    }

    private static boolean isHeader(Row row, SettlementLayout layout, Settlement.Mapping mapping) {
        if (layout == null) {
            return detect(row.fields).isPresent();
        }
        return switch (layout) {
            case PAYPAL -> PayPalLayout.looksLikeHeader(row);
            case ADYEN -> AdyenLayout.looksLikeHeader(new Header(row));
            case STRIPE -> StripeLayout.looksLikeHeader(new Header(row));
            case GENERIC -> GenericLayout.looksLikeHeader(new Header(row), mapping);
        };
    }

    private static LayoutParser parser(SettlementLayout layout, Settlement.Mapping mapping, LineSink sink,
                                       Warnings warnings, boolean decimalComma) {
        return switch (layout) {
            case STRIPE -> new StripeLayout(sink, warnings, decimalComma);
            case ADYEN -> new AdyenLayout(sink, warnings, decimalComma);
            case PAYPAL -> new PayPalLayout(sink, warnings, decimalComma);
            case GENERIC -> new GenericLayout(mapping, sink, warnings);
        };
    }

    /** CSV or XLSX by the file's first bytes (an XLSX file is a ZIP), not by its name. */
    private static RowSource open(Path file, boolean decimalComma, java.util.function.Predicate<Row> isHeader)
            throws IOException, SettlementFormatException {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(4);
        }
        boolean zip = magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        return zip ? new XlsxRows(file, decimalComma, isHeader) : new CsvRows(file);
    }
}
