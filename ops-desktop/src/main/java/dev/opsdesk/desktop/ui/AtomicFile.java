package dev.opsdesk.desktop.ui;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A file that appears under its final name only when complete: written as a hidden temp file in
 * the target's folder (same file system, so the rename is atomic), then moved over the target.
 */
public final class AtomicFile {

    /** Writes a text file's content. */
    @FunctionalInterface
    public interface TextContent {
        void writeTo(java.io.Writer out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFile() {
    }

    /**
     * Creates the temp file beside {@code target}. A plain new file (not {@code createTempFile})
     * so it gets the permissions any file the user creates gets.
     */
    public static Path createTemp(Path target) throws IOException {
        String name = target.getFileName().toString();
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        Path temp = target.resolveSibling("." + name + "." + HexFormat.of().formatHex(random) + ".part");
        return Files.createFile(temp);
    }

    /** Moves the complete temp file over the target, atomically where the file system allows it. */
    public static void commit(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            // Some network shares refuse an atomic rename; a plain replace is the best they offer.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes a small UTF-8 text file (settings, a kept checkpoint) so that a crash or a full disk
     * leaves the previous file whole: the content goes to a temp file beside it, which then replaces it.
     */
    public static void writeText(Path target, TextContent content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Path temp = createTemp(absolute);
        try {
            try (java.io.Writer out = Files.newBufferedWriter(temp, java.nio.charset.StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
            commit(temp, absolute);
        } finally {
            deleteQuietly(temp);
        }
    }

    public static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // Nothing better to do: the name starts with a dot and ends in .part, so it is recognisable.
        }
    }
}
