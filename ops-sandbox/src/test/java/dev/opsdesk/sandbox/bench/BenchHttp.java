package dev.opsdesk.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

/** Raw HTTP for the benchmarks, and percentiles. */
final class BenchHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    BenchHttp(URI base) {
        this.base = base;
    }

    record Response(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    String token(String username, String password) throws IOException, InterruptedException {
        Response r = send("POST", "/v1/sessions", null, "{\"username\":\"" + username + "\",\"password\":\""
                + password + "\"}", false);
        if (r.status() != 201) {
            throw new IllegalStateException("sign-in of " + username + ": " + r);
        }
        return r.json().get("token").asText();
    }

    Response get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null, false);
    }

    Response post(String path, String token, String body) throws IOException, InterruptedException {
        return send("POST", path, token, body, true);
    }

    Response send(String method, String path, String token, String body, boolean key)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (key) {
            b.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    /** Sends a Standard Webhooks callback; returns the status. */
    int webhook(URI uri, String id, long timestamp, String signature, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The p-th percentile (0..100) of {@code nanos}, in milliseconds. */
    static double percentileMillis(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    /**
     * Sends {@code warmup} then {@code requests} sequential GETs of {@code path} and prints one table row: p50, p95 and
     * max in ms, and the number of items of the first answer (blank when it has none).
     */
    void measure(String name, String path, String token, int requests, int warmup) throws Exception {
        for (int i = 0; i < warmup; i++) {
            get(path, token);
        }
        long[] nanos = new long[requests];
        int items = -1;
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            Response r = get(path, token);
            nanos[i] = System.nanoTime() - t;
            if (r.status() != 200) {
                throw new IllegalStateException(path + ": " + r);
            }
            if (i == 0 && r.json().has("items")) {
                items = r.json().get("items").size();
            }
        }
        System.out.printf("%-34s %8.1f %8.1f %8.1f %7s%n", name, percentileMillis(nanos, 50),
                percentileMillis(nanos, 95), percentileMillis(nanos, 100), items < 0 ? "" : Integer.toString(items));
    }
}
