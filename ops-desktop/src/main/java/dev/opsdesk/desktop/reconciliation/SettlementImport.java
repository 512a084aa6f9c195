package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.client.ConflictException;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.ReconciliationService;
import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.Reconciliation.Run;
import dev.opsdesk.desktop.reconciliation.files.SettlementFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Imports a settlement file that was read and checked on this workstation: declares the run, uploads its normalised
 * lines and the original file (resuming an upload that broke off), and matches it. Free of JavaFX: the desktop's New
 * run and {@code reconcile import} on the command line both use it. Call it off the UI thread.
 */
public final class SettlementImport {

    /** The same file (same SHA-256) is already held by another run, which is not an unfinished import of this user. */
    public static final class DuplicateFileException extends Exception {
        private final String runId;

        DuplicateFileException(String runId, String message) {
            super(message);
            this.runId = runId;
        }

        public String runId() {
            return runId;
        }
    }

    /** The import was stopped; what was sent stays, and importing the same file again resumes. */
    public static final class CancelledException extends Exception {
        private final String runId;

        CancelledException(String runId) {
            super("Import of " + runId + " stopped; importing the same file again resumes it");
            this.runId = runId;
        }

        public String runId() {
            return runId;
        }
    }

    private final OpsClient client;

    public SettlementImport(OpsClient client) {
        this.client = Objects.requireNonNull(client);
    }

    /**
     * @param allowDuplicate import a file another run already holds, on purpose
     * @param username       the signed-in user: an unfinished import of theirs of the same file is resumed
     * @param stage          told each step in words ("Uploading 12,000 lines", "Matching")
     * @return the matched run
     */
    public Run run(Path file, SettlementFile parsed, boolean allowDuplicate, String username,
                   ReconciliationService.UploadListener progress, BooleanSupplier cancelled, Consumer<String> stage)
            throws IOException, DuplicateFileException, CancelledException {
        if (parsed.lines().isEmpty() || parsed.preview().period() == null) {
            throw new IllegalArgumentException(file.getFileName() + " has no settlement lines to reconcile");
        }
        stage.accept("Checking the file");
        String sha256 = sha256(file);
        long size = Files.size(file);
        Reconciliation.NewRun declared = new Reconciliation.NewRun(parsed.provider(), parsed.preview().period().from(),
                parsed.preview().period().to(), parsed.layout(), file.getFileName().toString(), sha256, size,
                parsed.lines().size(), allowDuplicate, null, null);
        Run run;
        try {
            // The key follows the file: a retried import (the first answer lost) gets the same run back.
            RequestOptions key = RequestOptions.withKey("import-" + sha256 + (allowDuplicate
                    ? "-" + UUID.randomUUID() : ""));
            run = client.reconciliation().create(declared, key);
        } catch (ConflictException e) {
            if (e.problem() == null || !"duplicate-file".equals(e.problem().kind()) || e.problem().runId() == null) {
                throw e;
            }
            Run holder = client.reconciliation().run(e.problem().runId());
            if (holder.state() != Reconciliation.State.DRAFT || !holder.preparer().equals(username)) {
                throw new DuplicateFileException(holder.id(), file.getFileName() + " is already in run " + holder.id()
                        + " (" + ReconTexts.state(holder.state()).toLowerCase(java.util.Locale.ROOT) + ", prepared by "
                        + holder.preparer() + ")");
            }
            run = holder; // an import of this user that broke off: resume it
            stage.accept("Resuming the import into " + run.id());
        }
        if (run.state() == Reconciliation.State.DRAFT) {
            stage.accept("Uploading " + String.format("%,d", parsed.lines().size()) + " lines and the file");
            Reconciliation.UploadProgress sent = client.reconciliation().upload(run.id(), parsed.lines(), file,
                    progress, cancelled);
            if (!sent.complete()) {
                if (cancelled.getAsBoolean()) {
                    throw new CancelledException(run.id());
                }
                throw new IOException("The server has " + sent.uploadedLines() + " of " + sent.lineCount()
                        + " lines and " + sent.fileReceived() + " of " + sent.fileSize() + " bytes of run " + run.id()
                        + "; import the same file again to resume");
            }
            stage.accept("Matching against the platform's payments");
            run = client.reconciliation().match(run.id(), RequestOptions.withKey(run.id() + "/match"));
        }
        return run;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
