package dev.opsdesk.desktop.reconciliation.files;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw text handed out per record, whatever size of chunks the parser reads in: a chunk may end between the
 * {@code \r} and {@code \n} of a break, in a quoted field that spans lines, or hold a thousand lines.
 */
class SettlementRawTextTest {

    private static final String FILE = "\uFEFFa,b\r\n"
            + "1,\"two\r\nlines\"\r\n"
            + "\r\n"
            + "3,x\r"
            + "4,\"q\"\"uoted\"\n"
            + "5,last";

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 100_000})
    void eachRecordsTextIsAsInTheFileWhateverTheChunkSize(int chunk) throws IOException {
        LineCapturingReader lines = new LineCapturingReader(new Chunked(FILE, chunk));
        char[] sink = new char[8];
        while (lines.read(sink, 0, sink.length) >= 0) {
            // the parser's side: read everything first, as a read-ahead would
        }
        assertThat(lines.linesRead()).isEqualTo(7);
        assertThat(lines.record(1)).isEqualTo("a,b");
        assertThat(lines.record(2)).isEqualTo("1,\"two\r\nlines\"");
        assertThat(lines.record(5)).isEqualTo("3,x");    // the blank line 4 skipped
        assertThat(lines.record(6)).isEqualTo("4,\"q\"\"uoted\"");
        assertThat(lines.record(7)).isEqualTo("5,last");
        assertThat(lines.record(8)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 4096})
    void recordsHandedOutWhileReadingKeepOnlyWhatIsAhead(int chunk) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            text.append("line ").append(i).append(",\"").append("x".repeat(i % 50)).append("\"\n");
        }
        LineCapturingReader lines = new LineCapturingReader(new Chunked(text.toString(), chunk));
        char[] sink = new char[300];
        long handedOut = 0;
        while (lines.read(sink, 0, sink.length) >= 0) {
            while (handedOut < lines.linesRead()) {
                handedOut++;
                assertThat(lines.record(handedOut))
                        .isEqualTo("line " + handedOut + ",\"" + "x".repeat((int) (handedOut % 50)) + "\"");
            }
        }
        assertThat(handedOut).isEqualTo(5000);
    }

    /** A reader that hands out at most {@code chunk} characters per read. */
    private static final class Chunked extends Reader {
        private final StringReader in;
        private final int chunk;

        Chunked(String text, int chunk) {
            this.in = new StringReader(text);
            this.chunk = chunk;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            return in.read(buf, off, Math.min(len, chunk));
        }

        @Override
        public void close() {
        }
    }
}
