package dev.opsdesk.desktop.export;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything one export needs. Immutable; start with {@link #builder(List, RowSource, ExportFormat, Path)}.
 *
 * @param columns    the columns in the order they are written
 * @param rows       the rows, streamed
 * @param format     CSV or XLSX
 * @param csvProfile the CSV layout (ignored for XLSX)
 * @param locale     the workstation's formatting locale: decides the EXCEL profile's separator and decimal mark
 * @param zone       the zone dates are shown in (and named in their headers)
 * @param target     the file to create or replace
 * @param sheetName  the XLSX sheet name (further sheets get " (2)", " (3)", ...)
 * @param limits     Excel's limits, or smaller ones in tests
 * @param <R>        the row type
 */
public record ExportRequest<R>(List<Column<R>> columns, RowSource<R> rows, ExportFormat format, CsvProfile csvProfile,
                               Locale locale, ZoneId zone, Path target, String sheetName, ExportLimits limits) {

    public ExportRequest {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("An export needs at least one column");
        }
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(csvProfile, "csvProfile");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(target, "target");
        if (target.getFileName() == null) {
            throw new IllegalArgumentException("The target must be a file, was: " + target);
        }
        if (sheetName == null || sheetName.isBlank()) {
            sheetName = "Export";
        }
        Objects.requireNonNull(limits, "limits");
    }

    /** A request with the defaults: EXCEL CSV profile, the workstation's locale and zone, Excel's limits. */
    public static <R> Builder<R> builder(List<Column<R>> columns, RowSource<R> rows, ExportFormat format, Path target) {
        return new Builder<>(columns, rows, format, target);
    }

    public static final class Builder<R> {
        private final List<Column<R>> columns;
        private final RowSource<R> rows;
        private final ExportFormat format;
        private final Path target;
        private CsvProfile csvProfile = CsvProfile.EXCEL;
        private Locale locale = Locale.getDefault(Locale.Category.FORMAT);
        private ZoneId zone = ZoneId.systemDefault();
        private String sheetName = "Export";
        private ExportLimits limits = ExportLimits.EXCEL;

        private Builder(List<Column<R>> columns, RowSource<R> rows, ExportFormat format, Path target) {
            this.columns = columns;
            this.rows = rows;
            this.format = format;
            this.target = target;
        }

        public Builder<R> csvProfile(CsvProfile value) { this.csvProfile = value; return this; }
        public Builder<R> locale(Locale value) { this.locale = value; return this; }
        public Builder<R> zone(ZoneId value) { this.zone = value; return this; }
        public Builder<R> sheetName(String value) { this.sheetName = value; return this; }
        public Builder<R> limits(ExportLimits value) { this.limits = value; return this; }

        public ExportRequest<R> build() {
            return new ExportRequest<>(columns, rows, format, csvProfile, locale, zone, target, sheetName, limits);
        }
    }
}
