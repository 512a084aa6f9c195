package dev.opsdesk.desktop.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file appears only when complete; a cancelled or failed export leaves nothing behind and clobbers nothing. */
class AtomicOutputTest {

    @TempDir
    Path dir;

    record Item(long number, String note) {
    }

    private static final List<Column<Item>> COLUMNS = List.of(
            Column.integer("number", "Number", Item::number),
            Column.text("note", "Note", Item::note));

    /** Rows generated on demand; calls {@code atRow} just before giving row {@code triggerAt}. */
    private static RowSource<Item> generated(long count, long triggerAt, Runnable atRow) {
        return RowSource.of(() -> new Iterator<Item>() {
            long next = 1;

            @Override
            public boolean hasNext() {
                return next <= count;
            }

            @Override
            public Item next() {
                if (next == triggerAt) {
                    atRow.run();
                }
                long n = next++;
                return new Item(n, "note " + n);
            }
        }, OptionalLong.of(count));
    }

    private Path existingFile(String name) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "the report from yesterday", StandardCharsets.UTF_8);
        return file;
    }

    private List<Path> filesInDir() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void cancelHalfWayLeavesNoFileAndTheOldOneUntouched(ExportFormat format) throws Exception {
        Path target = existingFile("report." + format.extension());
        List<ExportJob<Item>> job = new ArrayList<>(1);
        AtomicLong lastProgress = new AtomicLong();
        job.add(new ExportJob<>(ExportRequest.builder(COLUMNS, generated(5000, 2500, () -> job.get(0).cancel()), format, target).build()));

        assertThatThrownBy(() -> job.get(0).run((written, total) -> {
            assertThat(total).isEqualTo(5000);
            lastProgress.set(written);
        })).isInstanceOf(ExportCancelledException.class);

        assertThat(lastProgress.get()).isEqualTo(2000);
        assertThat(Files.readString(target)).isEqualTo("the report from yesterday");
        assertThat(filesInDir()).containsExactly(target);
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void cancelledBeforeAnyFileExistsLeavesNoFileAtAll(ExportFormat format) throws Exception {
        Path target = dir.resolve("new." + format.extension());
        List<ExportJob<Item>> job = new ArrayList<>(1);
        job.add(new ExportJob<>(ExportRequest.builder(COLUMNS, generated(5000, 1200, () -> job.get(0).cancel()), format, target).build()));

        assertThatThrownBy(() -> job.get(0).run(ExportProgress.NONE)).isInstanceOf(ExportCancelledException.class);

        assertThat(filesInDir()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void failureInTheRowSourceLeavesNoFileAndTheOldOneUntouched(ExportFormat format) throws Exception {
        Path target = existingFile("report." + format.extension());
        RuntimeException lostConnection = new UncheckedIOException(new java.io.IOException("connection reset"));

        assertThatThrownBy(() -> new Exporter().export(ExportRequest.builder(COLUMNS, generated(5000, 3000, () -> {
            throw lostConnection;
        }), format, target).build(), ExportProgress.NONE, () -> false))
                .isInstanceOf(ExportException.class)
                .hasCause(lostConnection)
                .hasMessageContaining("after 2999 rows")
                .satisfies(e -> assertThat(((ExportException) e).stage()).isEqualTo(ExportException.Stage.READING_ROWS));

        assertThat(Files.readString(target)).isEqualTo("the report from yesterday");
        assertThat(filesInDir()).containsExactly(target);
    }

    /** SXSSF's own temp files (poi-sxssf-sheet*.gz in POI's temp folder) that exist now. */
    private static List<Path> poiSheetTempFiles() throws Exception {
        Path poiDir = Path.of(System.getProperty("java.io.tmpdir"), "poifiles");
        if (!Files.isDirectory(poiDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(poiDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("poi-sxssf-sheet")).toList();
        }
    }

    @Test
    void xlsxTempFilesAreDeletedWhetherTheExportSucceedsFailsOrIsCancelled() throws Exception {
        List<Path> before = poiSheetTempFiles();
        ExportLimits twoSheets = ExportLimits.EXCEL.withMaxRowsPerSheet(2000);

        new Exporter().export(ExportRequest.builder(COLUMNS, generated(3000, -1, () -> { }), ExportFormat.XLSX,
                dir.resolve("ok.xlsx")).limits(twoSheets).build(), ExportProgress.NONE, () -> false);
        assertThatThrownBy(() -> new Exporter().export(ExportRequest.builder(COLUMNS, generated(3000, 2500, () -> {
            throw new IllegalStateException("source broke");
        }), ExportFormat.XLSX, dir.resolve("failed.xlsx")).limits(twoSheets).build(), ExportProgress.NONE, () -> false))
                .isInstanceOf(ExportException.class);
        List<ExportJob<Item>> job = new ArrayList<>(1);
        job.add(new ExportJob<>(ExportRequest.builder(COLUMNS, generated(3000, 2500, () -> job.get(0).cancel()),
                ExportFormat.XLSX, dir.resolve("cancelled.xlsx")).limits(twoSheets).build()));
        assertThatThrownBy(() -> job.get(0).run(ExportProgress.NONE)).isInstanceOf(ExportCancelledException.class);

        assertThat(poiSheetTempFiles()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(filesInDir()).containsExactly(dir.resolve("ok.xlsx"));
    }

    @Test
    void anInterruptedThreadCancelsTheExport() throws Exception {
        Path target = dir.resolve("interrupted.csv");

        assertThatThrownBy(() -> new Exporter().export(ExportRequest.builder(COLUMNS,
                generated(5000, 100, () -> Thread.currentThread().interrupt()), ExportFormat.CSV, target).build(),
                ExportProgress.NONE, () -> false)).isInstanceOf(ExportCancelledException.class);

        assertThat(Thread.interrupted()).isTrue();
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void successReplacesTheOldFileAndLeavesNoTempFile() throws Exception {
        Path target = existingFile("report.csv");

        ExportResult result = new Exporter().export(ExportRequest.builder(COLUMNS, generated(3, -1, () -> { }), ExportFormat.CSV, target)
                .csvProfile(CsvProfile.STANDARD).build(), ExportProgress.NONE, () -> false);

        assertThat(result.file()).isEqualTo(target.toAbsolutePath());
        assertThat(Files.readString(target)).isEqualTo("Number,Note\r\n1,note 1\r\n2,note 2\r\n3,note 3\r\n");
        assertThat(filesInDir()).containsExactly(target);
    }

    @Test
    void aMissingFolderFailsBeforeReadingAnyRow() {
        Path target = dir.resolve("no-such-folder").resolve("report.xlsx");
        AtomicLong rowsRead = new AtomicLong();

        assertThatThrownBy(() -> new Exporter().export(ExportRequest.builder(COLUMNS,
                generated(10, 1, rowsRead::incrementAndGet), ExportFormat.XLSX, target).build(), ExportProgress.NONE, () -> false))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining("no-such-folder")
                .satisfies(e -> assertThat(((ExportException) e).stage()).isEqualTo(ExportException.Stage.OPENING_FILE));
        assertThat(rowsRead).hasValue(0);
    }

    @Test
    void aFolderIsNotAFileToWrite() {
        assertThatThrownBy(() -> new Exporter().export(ExportRequest.builder(COLUMNS, generated(1, -1, () -> { }),
                ExportFormat.CSV, dir).build(), ExportProgress.NONE, () -> false))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining("is a folder");
    }
}
