package dev.opsdesk.desktop.reconciliation.files;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Passes the file's characters on to the CSV parser and keeps them, with where each physical line starts and ends,
 * so that each record's text can be handed out exactly as it stands in the file: one slice of the kept characters,
 * copied once into its string. Only the characters of the lines the parser has read ahead are held.
 * Counts line breaks as FastCSV does ({@code \r\n}, {@code \r} and {@code \n} are one each) and drops a leading BOM.
 */
final class LineCapturingReader extends Reader {

    private final Reader in;

    /** The characters from absolute position {@code base} on; {@code kept} of them are valid. */
    private char[] chars = new char[1 << 16];
    private long base;
    private int kept;

    /*
     * Per physical line, in a ring indexed by line number: where it starts, where its text ends (before the break),
     * and how many quotes it has. Lines firstLine .. completedLines are complete; line completedLines + 1 is open.
     */
    private long[] starts = new long[64];
    private long[] ends = new long[64];
    private int[] quotes = new int[64];
    private long firstLine = 1;
    private long completedLines;

    /** Absolute position of the next character, and of the last {@code \r} (a {@code \n} right after it is no line). */
    private long position;
    private long lastCr = -2;
    private int openQuotes;
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
        keep(buf, off, n);
        long pos = position;
        int end = off + n;
        for (int i = off; i < end; i++, pos++) {
            char c = buf[i];
            if (c > '"') { // almost every character: none of \n, \r or the quote
                continue;
            }
            if (c == '"') {
                openQuotes++;
            } else if (c == '\n') {
                if (pos - 1 == lastCr) {
                    setSlot(starts, completedLines + 1, pos + 1); // the \n of \r\n: the line ended at the \r
                } else {
                    endLine(pos, pos + 1);
                }
            } else if (c == '\r') {
                endLine(pos, pos + 1);
                lastCr = pos;
            }
        }
        position = pos;
    }

    /** Appends the chunk to the kept characters, first dropping those of lines already handed out. */
    private void keep(char[] buf, int off, int n) {
        if (kept + n > chars.length) {
            long oldest = firstLine <= completedLines + 1 ? slot(starts, firstLine) : position;
            int drop = (int) (Math.min(oldest, position) - base);
            System.arraycopy(chars, drop, chars, 0, kept - drop);
            kept -= drop;
            base += drop;
            if (kept + n > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, kept + n));
            }
        }
        System.arraycopy(buf, off, chars, kept, n);
        kept += n;
    }

    private void endLine(long textEnd, long nextStart) {
        long line = completedLines + 1;
        ensureRoom(line + 1);
        setSlot(ends, line, textEnd);
        quotes[(int) (line & (quotes.length - 1))] = openQuotes;
        openQuotes = 0;
        completedLines = line;
        setSlot(starts, line + 1, nextStart);
    }

    private void flush() {
        if (position > slot(starts, completedLines + 1)) { // a last line without a break
            endLine(position, position);
        }
    }

    /** Grows the rings so that lines firstLine .. last fit. */
    private void ensureRoom(long last) {
        int capacity = starts.length;
        if (last - firstLine < capacity) {
            return;
        }
        int grown = capacity * 2;
        long[] newStarts = new long[grown];
        long[] newEnds = new long[grown];
        int[] newQuotes = new int[grown];
        for (long l = firstLine; l < firstLine + capacity; l++) {
            int from = (int) (l & (capacity - 1));
            int to = (int) (l & (grown - 1));
            newStarts[to] = starts[from];
            newEnds[to] = ends[from];
            newQuotes[to] = quotes[from];
        }
        starts = newStarts;
        ends = newEnds;
        quotes = newQuotes;
    }

    private static long slot(long[] ring, long line) {
        return ring[(int) (line & (ring.length - 1))];
    }

    private static void setSlot(long[] ring, long line, long value) {
        ring[(int) (line & (ring.length - 1))] = value;
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
        if (lineNumber > firstLine) {
            firstLine = Math.min(lineNumber, completedLines + 1);
        }
        if (firstLine != lineNumber || lineNumber > completedLines) {
            return "";
        }
        long start = slot(starts, lineNumber);
        long last = lineNumber;
        int open = quotes[(int) (last & (quotes.length - 1))];
        while ((open & 1) == 1 && last < completedLines) {
            last++;
            open += quotes[(int) (last & (quotes.length - 1))];
        }
        firstLine = last + 1;
        long end = slot(ends, last);
        return new String(chars, (int) (start - base), (int) (end - start));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
