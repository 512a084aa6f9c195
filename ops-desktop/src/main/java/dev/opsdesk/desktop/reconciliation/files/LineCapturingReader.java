package dev.opsdesk.desktop.reconciliation.files;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * Passes the file's characters on to the CSV parser and keeps the physical lines they make, so that each record's
 * text can be handed out exactly as it stands in the file. Only the lines the parser has read ahead are held.
 * Counts line breaks as FastCSV does ({@code \r\n}, {@code \r} and {@code \n} are one each) and drops a leading BOM.
 */
final class LineCapturingReader extends Reader {

    private final Reader in;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final StringBuilder current = new StringBuilder(256);
    /** The line number of {@code lines.peekFirst()}. */
    private long firstLine = 1;
    private long completedLines;
    private boolean pendingCr;
    private boolean started;

    LineCapturingReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n < 0) {
            flush();
            return n;
        }
        if (!started && n > 0) {
            started = true;
            if (buf[off] == '\uFEFF') { // the BOM is no part of the first header name
                System.arraycopy(buf, off + 1, buf, off, n - 1);
                n--;
                if (n == 0) {
                    return read(buf, off, len);
                }
            }
        }
        capture(buf, off, n);
        return n;
    }

    private void capture(char[] buf, int off, int n) {
        int start = off;
        int end = off + n;
        int i = off;
        if (pendingCr) {
            pendingCr = false;
            if (buf[i] == '\n') {
                current.append('\n');
                i++;
                start = i;
            }
            endLine();
        }
        for (; i < end; i++) {
            char c = buf[i];
            if (c == '\n') {
                current.append(buf, start, i + 1 - start);
                endLine();
                start = i + 1;
            } else if (c == '\r') {
                if (i + 1 < end) {
                    if (buf[i + 1] == '\n') {
                        i++;
                    }
                    current.append(buf, start, i + 1 - start);
                    endLine();
                    start = i + 1;
                } else {
                    current.append(buf, start, i + 1 - start);
                    pendingCr = true; // a \n may open the next chunk
                    start = i + 1;
                }
            }
        }
        if (start < end) {
            current.append(buf, start, end - start);
        }
    }

    private void endLine() {
        lines.addLast(current.toString());
        current.setLength(0);
        completedLines++;
    }

    private void flush() {
        if (pendingCr) {
            pendingCr = false;
            endLine();
        }
        if (current.length() > 0) {
            endLine();
        }
    }

    /** Physical lines read so far (the parser may not have reached them yet). */
    long linesRead() {
        return completedLines;
    }

    /**
     * The text of the record that starts on {@code lineNumber}: that line, and the lines after it while a quoted field
     * is still open, without the final line break. Lines before it (blank ones the parser skipped) are dropped.
     */
    String record(long lineNumber) {
        while (firstLine < lineNumber && !lines.isEmpty()) {
            lines.pollFirst();
            firstLine++;
        }
        String line = lines.pollFirst();
        if (line == null) {
            return "";
        }
        firstLine++;
        if ((quotes(line) & 1) == 0) {
            return stripBreak(line);
        }
        StringBuilder text = new StringBuilder(line);
        int open = quotes(line);
        while ((open & 1) == 1 && !lines.isEmpty()) {
            String next = lines.pollFirst();
            firstLine++;
            text.append(next);
            open += quotes(next);
        }
        return stripBreak(text.toString());
    }

    private static int quotes(String s) {
        int count = 0;
        for (int i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) {
            count++;
        }
        return count;
    }

    private static String stripBreak(String line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return end == line.length() ? line : line.substring(0, end);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
