package dev.opsdesk.desktop.export;

import java.io.IOException;
import java.io.OutputStream;

/** One file format's writer. Created per export, used from one thread. */
interface RowWriter<R> extends AutoCloseable {

    void writeHeader() throws IOException;

    void writeRow(R row) throws IOException;

    /** Writes whatever is still buffered to {@code out}; the file is complete afterwards. */
    void finish(OutputStream out) throws IOException;

    /** Sheets written (1 for CSV). */
    int sheets();

    /** Releases temp files and memory, whether or not the export completed. Never throws. */
    @Override
    void close();
}
