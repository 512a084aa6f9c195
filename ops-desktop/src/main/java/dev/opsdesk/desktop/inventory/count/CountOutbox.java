package dev.opsdesk.desktop.inventory.count;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.opsdesk.client.model.StockCount;
import dev.opsdesk.desktop.ui.AtomicFile;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The entries of one count not yet acknowledged by the server, in the order they were made, kept in a small
 * JSON-lines file ({@code <countId>.jsonl}, a batch per line) so that they survive a lost connection and closing
 * the app. Each batch keeps the idempotency key it was first sent with: sending it again, after any failure or a
 * restart, can never count it twice.
 *
 * <p>Every entry passes through here (written ahead, then sent, then removed): an entry typed the moment the
 * connection dropped is no different from one typed an hour into an outage. The list in memory is changed on any
 * thread (under a lock, cheaply); {@link #save()} writes the file — atomically through {@link AtomicFile}, so a
 * crash leaves the previous file whole — and belongs on a worker thread.
 */
public final class CountOutbox {

    /** Entries sent together under one key: one typed entry, or a scanner file's rows. */
    public record Batch(String key, String fileName, String codeColumn, String quantityColumn,
                        List<StockCount.EntryInput> entries) {

        public Batch {
            Objects.requireNonNull(key, "key");
            entries = List.copyOf(entries);
        }

        /** One typed, scanned or corrected entry. */
        public static Batch single(String key, StockCount.EntryInput entry) {
            return new Batch(key, null, null, null, List.of(entry));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectWriter WRITER = JSON.writerFor(Batch.class);
    private static final ObjectReader READER = JSON.readerFor(Batch.class);

    private final Path file;
    private final Object lock = new Object();
    private final Object fileLock = new Object();
    private final List<Batch> batches = new ArrayList<>();
    private boolean loaded;
    private long changes;
    private long saved;

    private CountOutbox(Path file) {
        this.file = file;
    }

    /** The outbox of {@code countId} in {@code folder}. */
    public static CountOutbox of(Path folder, String countId) {
        if (!countId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("not a count id: " + countId);
        }
        return new CountOutbox(folder.resolve(countId + ".jsonl"));
    }

    /** The folder for a server's outboxes under the settings folder: one per server, so ids never mix. */
    public static Path folder(Path settings, URI server) {
        String name = (server.getHost() == null ? "local" : server.getHost())
                + (server.getPort() < 0 ? "" : "_" + server.getPort());
        return settings.resolve("stock-count-outbox").resolve(name.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "_"));
    }

    public Path file() {
        return file;
    }

    /** Reads what a previous session left, before anything added now (once; worker thread). */
    public void load() throws IOException {
        synchronized (lock) {
            if (loaded) {
                return;
            }
        }
        List<Batch> kept = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    kept.add(READER.readValue(line));
                }
            }
        } catch (NoSuchFileException nothingWaiting) {
            // Nothing was left.
        }
        synchronized (lock) {
            if (!loaded) {
                List<String> present = batches.stream().map(Batch::key).toList();
                batches.addAll(0, kept.stream().filter(b -> !present.contains(b.key())).toList());
                loaded = true;
                changes++;
            }
        }
    }

    /** Adds a batch at the end (any thread; {@link #save()} writes it). */
    public void add(Batch batch) {
        synchronized (lock) {
            batches.add(batch);
            changes++;
        }
    }

    /** The oldest batch still to send, or null. */
    public Batch first() {
        synchronized (lock) {
            return batches.isEmpty() ? null : batches.get(0);
        }
    }

    /** The server acknowledged it (or refused it for good). */
    public void remove(String key) {
        synchronized (lock) {
            if (batches.removeIf(b -> b.key().equals(key))) {
                changes++;
            }
        }
    }

    public List<Batch> batches() {
        synchronized (lock) {
            return List.copyOf(batches);
        }
    }

    /** Entries waiting, counting a scanner file's rows one by one. */
    public int entries() {
        synchronized (lock) {
            return batches.stream().mapToInt(b -> b.entries().size()).sum();
        }
    }

    /** Writes the file when the list changed since the last write; deletes it when nothing waits (worker thread). */
    public void save() throws IOException {
        load(); // never overwrite what a previous session left unread
        synchronized (fileLock) {
            List<Batch> snapshot;
            long version;
            synchronized (lock) {
                if (changes == saved) {
                    return;
                }
                snapshot = List.copyOf(batches);
                version = changes;
            }
            if (snapshot.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                AtomicFile.writeText(file, out -> {
                    for (Batch b : snapshot) {
                        out.write(WRITER.writeValueAsString(b));
                        out.write('\n');
                    }
                });
            }
            synchronized (lock) {
                saved = version;
            }
        }
    }
}
