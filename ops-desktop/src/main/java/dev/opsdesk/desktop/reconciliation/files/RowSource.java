package dev.opsdesk.desktop.reconciliation.files;

import java.io.Closeable;
import java.io.IOException;

/** The records of a file, one at a time, whatever its format. Blank records are skipped. */
interface RowSource extends Closeable {

    /** The next non-blank record, or null at the end. The returned row may be reused by the next call. */
    Row next() throws IOException, SettlementFormatException;

    /** Bytes read so far, for progress. */
    long bytesRead();

    /** Whether amounts written as text in this file use a decimal comma ({@code ;}-separated CSV). */
    boolean decimalComma();

    /** The physical lines read so far, for progress. */
    int linesRead();
}
