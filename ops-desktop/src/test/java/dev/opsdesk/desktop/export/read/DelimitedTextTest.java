package dev.opsdesk.desktop.export.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The separator every reader of people's CSV files takes from the file, and the byte count behind progress. */
class DelimitedTextTest {

    @TempDir
    Path dir;

    private char separatorOf(String content) throws IOException {
        Path file = dir.resolve("f.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return DelimitedText.separator(file);
    }

    @Test
    void aSpreadsheetSavedInADecimalCommaLocaleIsReadWithSemicolons() throws IOException {
        assertThat(separatorOf("\uFEFFean;menge\n4006381333931;12,5\n")).isEqualTo(';');
    }

    @Test
    void separatorsInsideQuotesDoNotCount() throws IOException {
        // The description holds three semicolons, the line two commas: a comma-separated file.
        assertThat(separatorOf("\"refund; partial; late; again\",EUR,12.00\n")).isEqualTo(',');
        assertThat(separatorOf("sku\tqty\nSKU-1\t3\n")).isEqualTo('\t');
    }

    @Test
    void blankLinesBeforeTheHeaderAreSkippedAndAQuotedFieldMaySpanLines() throws IOException {
        assertThat(separatorOf("\n\n\"a\nb\";c;d\n1;2;3\n")).isEqualTo(';');
        assertThat(separatorOf("")).isEqualTo(',');
    }

    @Test
    void countsEveryByteRead() throws IOException {
        byte[] data = new byte[10_000];
        try (CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(data))) {
            in.read();
            in.readNBytes(4_000);
            assertThat(in.count()).isEqualTo(4_001);
            in.readAllBytes();
            assertThat(in.count()).isEqualTo(10_000);
        }
    }
}
