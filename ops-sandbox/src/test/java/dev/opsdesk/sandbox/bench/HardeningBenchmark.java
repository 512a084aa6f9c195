package dev.opsdesk.sandbox.bench;

import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import dev.opsdesk.sandbox.Scale;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What issue 14 asks to measure, against an in-process sandbox over loopback:
 * <ol>
 *   <li>requests/s and p50/p95 of {@code GET /v1/failures} and {@code GET /v1/audit/events} (limit 50) with 20
 *   concurrent readers (each alternating the two) while bulk replays run one after another;</li>
 *   <li>the latency of {@code GET /v1/health} and of a webhook callback with 1,000 event streams open.</li>
 * </ol>
 * Not a test: run it by hand (src-docs/benchmarks.md). Arguments (optional): {@code seconds readers streams scale};
 * default 15 20 1000 small.
 */
public final class HardeningBenchmark {

    private HardeningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int readers = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int streams = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        Scale scale = args.length > 3 ? Scale.valueOf(args[3].toUpperCase(java.util.Locale.ROOT)) : Scale.SMALL;
        SandboxOptions.Limits limits = new SandboxOptions.Limits(streams, streams, Duration.ofSeconds(15), 100_000,
                100_000);
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0).withScale(scale)
                .withLimits(limits))) {
            BenchHttp http = new BenchHttp(sandbox.baseUri());
            String admin = http.token("admin", "sandbox");
            String auditor = http.token("auditor", "sandbox");
            readersDuringBulkReplays(http, admin, auditor, readers, seconds);
            healthWithStreamsOpen(sandbox, http, auditor, streams);
        }
    }

    private static void readersDuringBulkReplays(BenchHttp http, String admin, String reader, int readers,
                                                 int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger jobs = new AtomicInteger();
        AtomicInteger replayed = new AtomicInteger();
        Thread replays = new Thread(() -> {
            try {
                while (!stop.get()) {
                    String job = http.post("/v1/replay-jobs", admin, "{\"filter\":{},\"throttlePerSecond\":500}")
                            .json().get("id").asText();
                    jobs.incrementAndGet();
                    while (true) {
                        BenchHttp.Response r = http.get("/v1/replay-jobs/" + job, admin);
                        String status = r.json().get("status").asText();
                        if (stop.get() || status.equals("COMPLETED") || status.equals("CANCELLED")) {
                            replayed.addAndGet(r.json().path("processed").asInt());
                            break;
                        }
                        Thread.sleep(100);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "bulk-replays");
        replays.start();
        String[] paths = {"/v1/failures?limit=50", "/v1/audit/events?limit=50"};
        List<ConcurrentLinkedQueue<Long>> nanos = List.of(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>());
        AtomicInteger errors = new AtomicInteger();
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < readers; t++) {
            int first = t % 2;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = first; System.nanoTime() < end; i++) {
                        long started = System.nanoTime();
                        BenchHttp.Response r = http.get(paths[i % 2], reader);
                        long took = System.nanoTime() - started;
                        if (r.status() != 200) {
                            errors.incrementAndGet();
                        } else if (started > warmupEnd) {
                            nanos.get(i % 2).add(took);
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
            }, "reader-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        stop.set(true);
        replays.join();
        System.out.printf("%d readers for %d s (after 3 s warm-up), bulk replays running (%d jobs, %d items processed):%n",
                readers, seconds, jobs.get(), replayed.get());
        System.out.printf("%-28s %10s %8s %8s %8s%n", "", "requests/s", "p50 ms", "p95 ms", "max ms");
        for (int p = 0; p < 2; p++) {
            long[] all = nanos.get(p).stream().mapToLong(Long::longValue).toArray();
            System.out.printf("%-28s %10.0f %8.1f %8.1f %8.1f%n", "GET " + paths[p], all.length / (double) seconds,
                    BenchHttp.percentileMillis(all, 50), BenchHttp.percentileMillis(all, 95),
                    BenchHttp.percentileMillis(all, 100));
        }
        System.out.printf("errors: %d%n", errors.get());
    }

    private static void healthWithStreamsOpen(SandboxServer sandbox, BenchHttp http, String token, int streams)
            throws Exception {
        for (int i = 0; i < 50; i++) {
            http.get("/v1/health", null);
        }
        long[] before = new long[500];
        for (int i = 0; i < before.length; i++) {
            long t = System.nanoTime();
            http.get("/v1/health", null);
            before[i] = System.nanoTime() - t;
        }
        System.out.printf("%nGET /v1/health (500) with no stream open: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                BenchHttp.percentileMillis(before, 50), BenchHttp.percentileMillis(before, 95),
                BenchHttp.percentileMillis(before, 100));
        List<Socket> open = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < streams; i++) {
                open.add(openStream(sandbox, token));
            }
            System.out.printf("%d event streams open (%d on the server) in %.1f s%n", open.size(),
                    sandbox.openEventStreams(), (System.nanoTime() - started) / 1e9);
            for (int i = 0; i < 50; i++) {
                http.get("/v1/health", null);
            }
            long[] health = new long[500];
            for (int i = 0; i < health.length; i++) {
                long t = System.nanoTime();
                if (http.get("/v1/health", null).status() != 200) {
                    throw new IllegalStateException("health failed");
                }
                health[i] = System.nanoTime() - t;
            }
            long[] intake = new long[100];
            for (int i = 0; i < intake.length; i++) {
                String body = "{\"type\":\"payment.succeeded\",\"data\":{\"orderNumber\":\"ORD-BENCH-" + i
                        + "\",\"paymentReference\":\"pi_bench_" + i + "\",\"amount\":100,\"currency\":\"EUR\"}}";
                long now = sandbox.options().clock().instant().getEpochSecond();
                String id = "msg_bench_" + i;
                String signature = dev.opsdesk.sandbox.webhooks.StandardWebhooks.sign(sandbox.webhookSecret("stripe"),
                        id, now, body.getBytes(StandardCharsets.UTF_8));
                long t = System.nanoTime();
                int status = http.webhook(sandbox.webhookUri("stripe"), id, now, signature, body);
                intake[i] = System.nanoTime() - t;
                if (status >= 500) {
                    throw new IllegalStateException("intake failed: " + status);
                }
            }
            System.out.printf("%-28s %8s %8s %8s%n", "with the streams open", "p50 ms", "p95 ms", "max ms");
            System.out.printf("%-28s %8.1f %8.1f %8.1f%n", "GET /v1/health (500)", BenchHttp.percentileMillis(health, 50),
                    BenchHttp.percentileMillis(health, 95), BenchHttp.percentileMillis(health, 100));
            System.out.printf("%-28s %8.1f %8.1f %8.1f%n", "POST webhook callback (100)",
                    BenchHttp.percentileMillis(intake, 50), BenchHttp.percentileMillis(intake, 95),
                    BenchHttp.percentileMillis(intake, 100));
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private static Socket openStream(SandboxServer sandbox, String token) throws IOException {
        Socket socket = new Socket("127.0.0.1", sandbox.port());
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!seen.toString().contains(": connected")) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("Stream refused: " + seen);
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        return socket;
    }
}
