package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.ReplayPreview;
import dev.opsdesk.desktop.shell.ClientFactory;
import dev.opsdesk.desktop.testing.TestSandbox;
import dev.opsdesk.sandbox.SandboxServer;
import dev.opsdesk.sandbox.webhooks.StandardWebhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;

/**
 * What the failure tests need from the real in-process sandbox: signed-in clients, failures that a
 * replay would treat in a given way (found through the server's own preview), and new failures made
 * the way they arise in production — a signed payment callback for an order that does not exist.
 */
public final class FailureFixtures {

    private FailureFixtures() {
    }

    /** A client signed in as a demo user. */
    public static OpsClient signIn(String username) {
        OpsClient client = ClientFactory.standard().create(TestSandbox.shared().baseUri());
        client.sessions().signIn(username, TestSandbox.user(username).password().toCharArray());
        return client;
    }

    public static Me me(OpsClient client) {
        return client.me();
    }

    /**
     * Open failures of {@code queue} that a replay would treat with {@code effect} right now, as the
     * server's preview says (checked for the caller {@code client}), newest first.
     */
    public static List<Failure> openWithEffect(OpsClient client, String queue, String effect, int wanted,
                                               Set<String> except) {
        List<Failure> found = new ArrayList<>();
        List<Failure> batch = new ArrayList<>();
        for (Failure f : client.failures().all(FailureFilter.queue(queue).withStatus("OPEN"))) {
            if (!except.contains(f.id())) {
                batch.add(f);
            }
            if (batch.size() == 200) {
                collect(client, batch, effect, found, wanted);
                batch.clear();
                if (found.size() >= wanted) {
                    break;
                }
            }
        }
        if (found.size() < wanted && !batch.isEmpty()) {
            collect(client, batch, effect, found, wanted);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("The sandbox has only " + found.size() + " open " + queue
                    + " failures a replay would " + effect);
        }
        return found;
    }

    public static Failure openWithEffect(OpsClient client, String queue, String effect) {
        return openWithEffect(client, queue, effect, 1, Set.of()).get(0);
    }

    /**
     * An open payment callback whose replay fails again for a reason that does not clear by itself
     * (the order is missing, the amount or the payload is wrong) — unlike a timeout, which may.
     */
    public static Failure failsAgainForSure(OpsClient client, String reason, Set<String> except) {
        return openWithEffect(client, "PAYMENT_CALLBACK", "FAIL_AGAIN", 60, except).stream()
                .filter(f -> reason == null ? Set.of("ORDER_NOT_FOUND", "AMOUNT_MISMATCH", "SCHEMA_INVALID").contains(f.reason())
                        : reason.equals(f.reason()))
                .findFirst().orElseThrow(() -> new IllegalStateException("No open payment callback that fails again for "
                        + (reason == null ? "a lasting reason" : reason)));
    }

    private static void collect(OpsClient client, List<Failure> batch, String effect, List<Failure> found, int wanted) {
        ReplayPreview preview = client.failures().preview(batch.stream().map(Failure::id).toList());
        for (ReplayPreview.Item item : preview.items()) {
            if (effect.equals(item.effect()) && found.size() < wanted) {
                batch.stream().filter(f -> f.id().equals(item.failureId())).findFirst().ifPresent(found::add);
            }
        }
    }

    /** The first failure with {@code status} in {@code queue}. */
    public static Failure withStatus(OpsClient client, String queue, String status) {
        return client.failures().list(FailureFilter.queue(queue).withStatus(status),
                dev.opsdesk.client.model.PageRequest.first(1)).items().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + status + " failure in " + queue));
    }

    /**
     * Sends a correctly signed {@code payment.succeeded} callback for an order that does not exist:
     * the platform records it as a new ORDER_NOT_FOUND failure.
     *
     * @return the order number used
     */
    public static String callbackForMissingOrder(long amountMinor) {
        return callbackForMissingOrder(TestSandbox.shared(), amountMinor);
    }

    /** As {@link #callbackForMissingOrder(long)}, to another sandbox. */
    public static String callbackForMissingOrder(SandboxServer sandbox, long amountMinor) {
        String order = "ORD-T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        String reference = "pi_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String body = "{\"type\":\"payment.succeeded\",\"data\":{\"orderNumber\":\"" + order + "\",\"paymentReference\":\""
                + reference + "\",\"amount\":" + amountMinor + ",\"currency\":\"EUR\"}}";
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        long timestamp = Instant.now().getEpochSecond();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = StandardWebhooks.sign(sandbox.webhookSecret("stripe"), id, timestamp, bytes);
        HttpRequest request = HttpRequest.newBuilder(sandbox.webhookUri("stripe"))
                .header("content-type", "application/json")
                .header(StandardWebhooks.ID_HEADER, id)
                .header(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(StandardWebhooks.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("The sandbox answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return order;
    }

    public static URI server() {
        return TestSandbox.shared().baseUri();
    }

    /**
     * A "UI thread" for tests that involve the live event stream: what would run on the JavaFX
     * thread is queued here and run on the test's thread, in order, when the test says so.
     */
    public static final class TestUiThread implements Executor {
        private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

        @Override
        public void execute(Runnable command) {
            queue.add(command);
        }

        /** Runs what is queued until {@code done} holds, waiting up to {@code seconds}. */
        public void runUntil(String what, BooleanSupplier done, int seconds) {
            // Polled on this thread: the queued work is "UI thread" work and must run here, in order.
            org.awaitility.Awaitility.await(what).atMost(java.time.Duration.ofSeconds(seconds)).pollInSameThread()
                    .pollDelay(java.time.Duration.ZERO).pollInterval(java.time.Duration.ofMillis(20))
                    .until(() -> {
                        // One at a time, checking after each: stop exactly where the condition first holds.
                        for (Runnable next; !done.getAsBoolean() && (next = queue.poll()) != null; ) {
                            next.run();
                        }
                        return done.getAsBoolean();
                    });
        }

        /** Runs whatever is queued now. */
        public void drain() {
            for (Runnable next; (next = queue.poll()) != null; ) {
                next.run();
            }
        }
    }
}
