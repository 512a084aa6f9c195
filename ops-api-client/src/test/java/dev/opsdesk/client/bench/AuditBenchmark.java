package dev.opsdesk.client.bench;

import dev.opsdesk.client.AuditService;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.OpsClientConfig;
import dev.opsdesk.client.audit.CanonicalForm;
import dev.opsdesk.client.audit.ChainVerifier;
import dev.opsdesk.client.audit.TrailCheck;
import dev.opsdesk.client.model.AuditCheckpoint;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.client.model.AuditFilter;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import dev.opsdesk.sandbox.Scale;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trail with {@code --scale large} (over a million events): p50/p95 of a filtered first page (limit 100)
 * through the client, then client-side verification of the whole chain — end to end through the API, the
 * verifier's own time, and the floor: bare SHA-256 over the same canonical bytes. Not a test; run by hand (see
 * src-docs/benchmarks.md). Arguments (optional): {@code requests warmup [dataDir]}, default 100 10; with a data
 * directory the seeded database is kept there and reused by the next run (seeding takes minutes).
 */
public final class AuditBenchmark {

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long started = System.nanoTime();
        SandboxOptions options = SandboxOptions.defaults().withPort(0).withScale(Scale.LARGE);
        if (args.length > 2) {
            options = options.withDataDir(java.nio.file.Path.of(args[2]));
        }
        try (SandboxServer sandbox = SandboxServer.start(options);
             OpsClient auditor = signedIn(sandbox, "auditor");
             OpsClient support = signedIn(sandbox, "support");
             OpsClient warehouse = signedIn(sandbox, "warehouse")) {
            AuditCheckpoint checkpoint = auditor.audit().checkpoint();
            System.out.printf("Sandbox started with %,d audit events in %.1f s%n", checkpoint.sequence(),
                    (System.nanoTime() - started) / 1e9);
            AuditService audit = auditor.audit();
            AuditEvent someCapture = audit.list(AuditFilter.none().withAction("payment.captured"),
                    AuditService.Direction.NEWEST_FIRST, PageRequest.first(1)).items().get(0);
            AuditEvent someReplay = audit.list(AuditFilter.none().withAction("failure.replayed"),
                    AuditService.Direction.OLDEST_FIRST, PageRequest.first(1)).items().get(0);
            Instant last = checkpoint.at();
            Map<String, Object[]> cases = new LinkedHashMap<>();
            cases.put("no filter", new Object[] {AuditFilter.none(), auditor});
            cases.put("entity=order:<n> (timeline)", new Object[] {AuditFilter.entity("order",
                    someCapture.orderNumber()), auditor});
            cases.put("entity=failure:<id>", new Object[] {AuditFilter.entity("failure", someReplay.entityId()),
                    auditor});
            cases.put("actor=support", new Object[] {AuditFilter.none().withActor("support"), auditor});
            cases.put("actor=system:webhooks", new Object[] {AuditFilter.none().withActor("system:webhooks"),
                    auditor});
            cases.put("action=failure.replayed", new Object[] {AuditFilter.none().withAction("failure.replayed"),
                    auditor});
            cases.put("action=failure.*", new Object[] {AuditFilter.none().withAction("failure.*"), auditor});
            cases.put("time: an hour 2 days ago", new Object[] {AuditFilter.none()
                    .withSince(last.minus(49, ChronoUnit.HOURS)).withUntil(last.minus(48, ChronoUnit.HOURS)),
                    auditor});
            cases.put("time: last 24 h", new Object[] {AuditFilter.none().withSince(last.minus(24, ChronoUnit.HOURS)),
                    auditor});
            cases.put("time + actor", new Object[] {AuditFilter.none().withActor("support")
                    .withSince(last.minus(72, ChronoUnit.HOURS)).withUntil(last.minus(24, ChronoUnit.HOURS)), auditor});
            cases.put("q=<order number>", new Object[] {AuditFilter.none().withText(someCapture.orderNumber()),
                    auditor});
            cases.put("support scope, no filter", new Object[] {AuditFilter.none(), support});
            cases.put("warehouse scope, no filter", new Object[] {AuditFilter.none(), warehouse});
            System.out.printf("%-32s %8s %8s %8s %6s%n", "first page (limit 100)", "p50 ms", "p95 ms", "max ms",
                    "items");
            for (Map.Entry<String, Object[]> c : cases.entrySet()) {
                AuditFilter filter = (AuditFilter) c.getValue()[0];
                OpsClient client = (OpsClient) c.getValue()[1];
                for (int i = 0; i < warmup; i++) {
                    client.audit().list(filter, AuditService.Direction.NEWEST_FIRST, PageRequest.first(100));
                }
                long[] nanos = new long[requests];
                int items = 0;
                for (int i = 0; i < requests; i++) {
                    long t = System.nanoTime();
                    Page<AuditEvent> page = client.audit().list(filter, AuditService.Direction.NEWEST_FIRST,
                            PageRequest.first(100));
                    nanos[i] = System.nanoTime() - t;
                    items = page.items().size();
                }
                Arrays.sort(nanos);
                System.out.printf("%-32s %8.1f %8.1f %8.1f %6d%n", c.getKey(), nanos[requests / 2] / 1e6,
                        nanos[(int) Math.ceil(requests * 0.95) - 1] / 1e6, nanos[requests - 1] / 1e6, items);
            }

            // Verification, end to end: pages of 500 over HTTP, JSON, canonical form, SHA-256, chain checks.
            long t0 = System.nanoTime();
            ChainVerifier.Result result = new TrailCheck(audit).verify(1, checkpoint.sequence(), null, null);
            double endToEnd = (System.nanoTime() - t0) / 1e9;
            System.out.printf("Verify #1..#%,d through the API: %s in %.1f s = %,.0f events/s%n",
                    checkpoint.sequence(), result.ok() ? "OK" : "BROKEN " + result.message(), endToEnd,
                    result.checked() / endToEnd);

            // The verifier alone (events already in memory, page by page) and the floor: bare SHA-256 over the
            // same canonical bytes.
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long verifierNanos = 0;
            long canonicalNanos = 0;
            long shaNanos = 0;
            long bytes = 0;
            long count = 0;
            String anchor = ChainVerifier.GENESIS;
            long from = 1;
            while (from <= checkpoint.sequence()) {
                List<AuditEvent> page = audit.list(AuditFilter.none().withSequences(from, checkpoint.sequence()),
                        AuditService.Direction.OLDEST_FIRST, PageRequest.first(500)).items();
                if (page.isEmpty()) {
                    break;
                }
                long v = System.nanoTime();
                ChainVerifier.Result r = new ChainVerifier().verify(page.iterator(), from, anchor,
                        page.get(page.size() - 1).sequence(), null, null);
                verifierNanos += System.nanoTime() - v;
                if (!r.ok()) {
                    throw new IllegalStateException(r.message());
                }
                long c = System.nanoTime();
                List<byte[]> canonical = new ArrayList<>(page.size());
                for (AuditEvent e : page) {
                    canonical.add(CanonicalForm.bytes(e));
                }
                canonicalNanos += System.nanoTime() - c;
                long s = System.nanoTime();
                for (byte[] b : canonical) {
                    sha.digest(b);
                    bytes += b.length;
                }
                shaNanos += System.nanoTime() - s;
                count += page.size();
                anchor = r.lastHash();
                from = page.get(page.size() - 1).sequence() + 1;
            }
            System.out.printf("Verifier alone (in memory): %,.0f events/s; canonical form alone: %,.0f events/s%n",
                    count / (verifierNanos / 1e9), count / (canonicalNanos / 1e9));
            System.out.printf("Floor, bare SHA-256 over the same %,d canonical bytes (avg %d B): %,.0f events/s"
                    + " (%.0f MB/s)%n", bytes, bytes / Math.max(1, count), count / (shaNanos / 1e9),
                    bytes / 1e6 / (shaNanos / 1e9));
        }
    }

    private static OpsClient signedIn(SandboxServer sandbox, String user) {
        OpsClient client = OpsClient.create(OpsClientConfig.builder(sandbox.baseUri()).build());
        client.sessions().signIn(user, "sandbox".toCharArray());
        return client;
    }
}
