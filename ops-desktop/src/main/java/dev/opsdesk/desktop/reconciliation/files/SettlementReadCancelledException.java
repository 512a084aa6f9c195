package dev.opsdesk.desktop.reconciliation.files;

import java.util.concurrent.CancellationException;

/** Reading was cancelled (by the person or an interrupt); nothing of the file was kept. */
public class SettlementReadCancelledException extends CancellationException {

    public SettlementReadCancelledException(long linesRead) {
        super("Reading the settlement file was cancelled after " + linesRead + " lines; nothing was imported");
    }
}
