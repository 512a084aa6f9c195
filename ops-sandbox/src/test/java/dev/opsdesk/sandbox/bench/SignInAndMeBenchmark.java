package dev.opsdesk.sandbox.bench;

import dev.opsdesk.sandbox.DemoUser;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput and latency of sign-in and {@code GET /v1/me} against an in-process sandbox over loopback, with
 * concurrent clients. Not a test: run it by hand (see src-docs or the module's README for the command).
 * Arguments (all optional): {@code threads seconds warmupSeconds}; default 20 10 5.
 */
public final class SignInAndMeBenchmark {

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    private SignInAndMeBenchmark() {
    }

    /** What one request does; returns the HTTP status. */
    @FunctionalInterface
    private interface Call {
        int run(HttpClient client, int thread, long iteration) throws IOException, InterruptedException;
    }

    private record Result(String name, long requests, long errors, double seconds, long[] latenciesNanos) {

        double perSecond() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;

        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0))) {
            URI base = sandbox.baseUri();
            List<DemoUser> users = sandbox.demoUsers();
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

            // Successful sign-ins only (round-robin over the demo users), so the lockout never triggers.
            Call signIn = (c, thread, i) -> {
                DemoUser u = users.get((int) ((thread + i) % users.size()));
                String body = "{\"username\":\"" + u.username() + "\",\"password\":\"" + u.password() + "\"}";
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/sessions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                return c.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            };

            // One token per client thread for GET /v1/me.
            String[] tokens = new String[threads];
            for (int t = 0; t < threads; t++) {
                DemoUser u = users.get(t % users.size());
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/sessions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"" + u.username() + "\",\"password\":\"" + u.password() + "\"}"))
                        .build();
                Matcher m = TOKEN.matcher(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
                if (!m.find()) {
                    throw new IllegalStateException("sign-in failed for " + u.username());
                }
                tokens[t] = m.group(1);
            }
            Call me = (c, thread, i) -> {
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/me"))
                        .header("Authorization", "Bearer " + tokens[thread])
                        .GET()
                        .build();
                return c.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            };

            System.out.printf("Sandbox %s, %d client threads, %d s warm-up + %d s measured per scenario, %d CPUs, %s%n",
                    base, threads, warmup, seconds, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            List<Result> results = new ArrayList<>();
            run("sign-in (POST /v1/sessions)", client, threads, warmup, signIn, 201);
            results.add(run("sign-in (POST /v1/sessions)", client, threads, seconds, signIn, 201));
            run("GET /v1/me", client, threads, warmup, me, 200);
            results.add(run("GET /v1/me", client, threads, seconds, me, 200));

            System.out.printf("%n%-28s %10s %8s %9s %9s %9s %9s%n", "scenario", "req/s", "errors", "p50 ms",
                    "p95 ms", "p99 ms", "max ms");
            for (Result r : results) {
                System.out.printf("%-28s %10.1f %8d %9.2f %9.2f %9.2f %9.2f%n", r.name(), r.perSecond(), r.errors(),
                        r.percentileMillis(50), r.percentileMillis(95), r.percentileMillis(99),
                        r.percentileMillis(100));
            }
        }
    }

    private static Result run(String name, HttpClient client, int threads, int seconds, Call call, int expected)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            long[] errors = new long[threads];
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<long[]> worker = () -> {
                    long[] latencies = new long[1024];
                    int n = 0;
                    for (long i = 0; System.nanoTime() < deadline; i++) {
                        long before = System.nanoTime();
                        int status;
                        try {
                            status = call.run(client, thread, i);
                        } catch (IOException e) {
                            status = -1;
                        }
                        long took = System.nanoTime() - before;
                        if (status != expected) {
                            errors[thread]++;
                        }
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = took;
                    }
                    return Arrays.copyOf(latencies, n);
                };
                futures.add(pool.submit(worker));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : futures) {
                all.add(f.get());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Result(name, merged.length, Arrays.stream(errors).sum(), elapsed, merged);
        } finally {
            pool.shutdownNow();
        }
    }
}
