package dev.opsdesk.desktop.export;

/**
 * The export failed; no file was written and an existing file of the same name was left as it
 * was. {@link #getCause()} is the original problem (for {@link Stage#READING_ROWS} typically the
 * client's {@code OpsApiException}, for {@link Stage#WRITING_FILE} an {@code IOException}).
 */
public class ExportException extends RuntimeException {

    /** Where it failed. */
    public enum Stage {
        /** Creating the file before any row was read (folder missing, not writable). */
        OPENING_FILE,
        /** Getting the rows (the server, the network, the row source). */
        READING_ROWS,
        /** Writing or moving the file (disk full, permission, file locked by another program). */
        WRITING_FILE
    }

    private final Stage stage;

    public ExportException(Stage stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
