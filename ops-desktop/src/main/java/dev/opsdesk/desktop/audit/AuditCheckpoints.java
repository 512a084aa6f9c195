package dev.opsdesk.desktop.audit;

import dev.opsdesk.desktop.ui.AtomicFile;
import dev.opsdesk.desktop.settings.SettingsLocation;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The last audit checkpoint verified on this computer, per server: the sequence and hash of the
 * last event whose chain was re-computed from #1. A server whose trail later no longer holds that
 * hash at that sequence has rewritten its history — which a fresh verification alone cannot show,
 * since a rewriter can re-compute every hash after the change.
 *
 * <p>Blocking (a file): call it on a worker thread.
 */
public interface AuditCheckpoints {

    /** The file in the settings folder, next to {@code settings.properties}. */
    String FILE_NAME = "audit-checkpoints.properties";

    /**
     * @param sequence   the last event verified
     * @param hash       its hash
     * @param verifiedAt when
     * @param verifiedBy who ran the verification (a username)
     */
    record Kept(long sequence, String hash, Instant verifiedAt, String verifiedBy) {
    }

    Optional<Kept> load(URI server) throws IOException;

    void keep(URI server, Kept checkpoint) throws IOException;

    void forget(URI server) throws IOException;

    /**
     * Where the app keeps them: in the settings folder for a real server; for the built-in training
     * sandbox only while the app runs, since the sandbox builds a new trail (on a new port) each time
     * it starts, and a checkpoint from a previous run would cry "rewritten" for nothing.
     */
    static AuditCheckpoints standard(boolean builtInSandbox) {
        return builtInSandbox ? forThisRun() : inFolder(SettingsLocation.directory());
    }

    /** In {@value #FILE_NAME} in {@code folder}. */
    static AuditCheckpoints inFolder(Path folder) {
        return new FileCheckpoints(folder.resolve(FILE_NAME));
    }

    /** Shared by every session of this process, forgotten when it ends. */
    static AuditCheckpoints forThisRun() {
        return MemoryCheckpoints.SHARED;
    }

    /** A fresh, empty memory (tests). */
    static AuditCheckpoints inMemory() {
        return new MemoryCheckpoints();
    }

    /** How a server is named in the store: scheme, host and port in lower case, the path without a trailing slash. */
    static String key(URI server) {
        String s = server.normalize().toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        int hostEnd = s.indexOf('/', s.indexOf("//") + 2);
        return hostEnd < 0 ? s.toLowerCase(Locale.ROOT) : s.substring(0, hostEnd).toLowerCase(Locale.ROOT) + s.substring(hostEnd);
    }

    /** Kept in memory. */
    final class MemoryCheckpoints implements AuditCheckpoints {

        static final MemoryCheckpoints SHARED = new MemoryCheckpoints();

        private final Map<String, Kept> kept = new ConcurrentHashMap<>();

        @Override
        public Optional<Kept> load(URI server) {
            return Optional.ofNullable(kept.get(key(server)));
        }

        @Override
        public void keep(URI server, Kept checkpoint) {
            kept.put(key(server), checkpoint);
        }

        @Override
        public void forget(URI server) {
            kept.remove(key(server));
        }
    }

    /**
     * A properties file, replaced atomically on every change (a crash never leaves half a file); a
     * damaged entry is skipped rather than trusted.
     */
    final class FileCheckpoints implements AuditCheckpoints {

        private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
        private static final Object LOCK = new Object();

        private final Path file;

        FileCheckpoints(Path file) {
            this.file = file;
        }

        public Path file() {
            return file;
        }

        @Override
        public Optional<Kept> load(URI server) throws IOException {
            synchronized (LOCK) {
                Properties p = read();
                String k = key(server);
                String sequence = p.getProperty(k + ".sequence");
                String hash = p.getProperty(k + ".hash");
                if (sequence == null || hash == null || !HASH.matcher(hash).matches()) {
                    return Optional.empty();
                }
                try {
                    String at = p.getProperty(k + ".verifiedAt");
                    return Optional.of(new Kept(Long.parseLong(sequence), hash, at == null ? null : Instant.parse(at),
                            p.getProperty(k + ".verifiedBy")));
                } catch (NumberFormatException | DateTimeParseException damaged) {
                    return Optional.empty();
                }
            }
        }

        @Override
        public void keep(URI server, Kept checkpoint) throws IOException {
            synchronized (LOCK) {
                Properties p = read();
                String k = key(server);
                p.setProperty(k + ".sequence", Long.toString(checkpoint.sequence()));
                p.setProperty(k + ".hash", checkpoint.hash());
                if (checkpoint.verifiedAt() != null) {
                    p.setProperty(k + ".verifiedAt", checkpoint.verifiedAt().toString());
                }
                if (checkpoint.verifiedBy() != null) {
                    p.setProperty(k + ".verifiedBy", checkpoint.verifiedBy());
                }
                write(p);
            }
        }

        @Override
        public void forget(URI server) throws IOException {
            synchronized (LOCK) {
                Properties p = read();
                String k = key(server);
                for (String suffix : new String[] {".sequence", ".hash", ".verifiedAt", ".verifiedBy"}) {
                    p.remove(k + suffix);
                }
                write(p);
            }
        }

        private Properties read() throws IOException {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (NoSuchFileException none) {
                // nothing kept yet
            } catch (IllegalArgumentException damaged) {
                return new Properties();
            }
            return p;
        }

        private void write(Properties p) throws IOException {
            AtomicFile.writeText(file, out ->
                    p.store(out, "Ops Desk: the last audit checkpoint verified on this computer, per server"));
        }
    }
}
