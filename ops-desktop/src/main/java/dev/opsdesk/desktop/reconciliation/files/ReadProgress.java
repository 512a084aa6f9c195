package dev.opsdesk.desktop.reconciliation.files;

/**
 * Told how far reading has got, on the reading thread, every few thousand lines and once at the end; and asked
 * whether to stop. A UI passes one that forwards to its background task (progress, cancel).
 */
public interface ReadProgress {

    /** Reports nothing and never cancels. */
    ReadProgress NONE = (lines, bytes, totalBytes) -> { };

    /**
     * @param linesRead  physical lines of the file read so far
     * @param bytesRead  bytes of the file read so far
     * @param totalBytes the size of the file
     */
    void progress(long linesRead, long bytesRead, long totalBytes);

    /** True to stop reading: the reader then throws {@link SettlementReadCancelledException}. */
    default boolean cancelled() {
        return false;
    }
}
