package dev.opsdesk.desktop.export;

import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows come page by page while the file is written, never all at once. */
class PagedRowSourceTest {

    @TempDir
    Path dir;

    record Item(long number) {
    }

    @Test
    void pagesAreFetchedOnlyAsTheExportReachesThem() throws Exception {
        List<String> cursorsAsked = new ArrayList<>();
        List<Long> rowsWrittenWhenAsked = new ArrayList<>();
        long[] written = {0};
        Function<PageRequest, Page<Item>> server = request -> {
            cursorsAsked.add(String.valueOf(request.cursor()));
            rowsWrittenWhenAsked.add(written[0]);
            long from = request.cursor() == null ? 0 : Long.parseLong(request.cursor());
            long to = Math.min(from + request.limit(), 1000);
            List<Item> items = LongStream.range(from, to).mapToObj(Item::new).toList();
            return new Page<>(items, to < 1000 ? Long.toString(to) : null);
        };
        Column<Item> number = Column.integer("n", "N", item -> {
            written[0]++; // counts the rows as they are written
            return item.number();
        });

        ExportResult result = new Exporter().export(ExportRequest.builder(List.of(number),
                        RowSource.paged(400, server, OptionalLong.of(1000)), ExportFormat.CSV, dir.resolve("paged.csv"))
                .csvProfile(CsvProfile.STANDARD).build(), ExportProgress.NONE, () -> false);

        assertThat(result.rows()).isEqualTo(1000);
        assertThat(cursorsAsked).containsExactly("null", "400", "800");
        // The next page is asked for only once the rows of the previous one are written.
        assertThat(rowsWrittenWhenAsked).containsExactly(0L, 400L, 800L);
        List<List<String>> records = ExportFixtures.readCsv(dir.resolve("paged.csv"), ',');
        assertThat(records).hasSize(1001);
        assertThat(records.get(1000)).containsExactly("999");
    }
}
