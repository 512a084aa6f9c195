package dev.opsdesk.desktop.export;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One export that can be cancelled from another thread (a Cancel button, Ctrl-C):
 * {@link #run(ExportProgress)} on a worker thread, {@link #cancel()} from anywhere.
 */
public final class ExportJob<R> {

    private final Exporter exporter;
    private final ExportRequest<R> request;
    private final AtomicBoolean cancelRequested = new AtomicBoolean();

    public ExportJob(ExportRequest<R> request) {
        this(new Exporter(), request);
    }

    public ExportJob(Exporter exporter, ExportRequest<R> request) {
        this.exporter = Objects.requireNonNull(exporter, "exporter");
        this.request = Objects.requireNonNull(request, "request");
    }

    public ExportRequest<R> request() {
        return request;
    }

    /**
     * Runs the export on the calling thread.
     *
     * @throws ExportCancelledException after {@link #cancel()}; no file written
     * @throws ExportException          no file written; see its stage and cause
     */
    public ExportResult run(ExportProgress progress) {
        return exporter.export(request, Objects.requireNonNull(progress, "progress"), cancelRequested::get);
    }

    /** Asks the running export to stop at the next row; it then deletes its temp file. */
    public void cancel() {
        cancelRequested.set(true);
    }

    public boolean isCancelRequested() {
        return cancelRequested.get();
    }
}
