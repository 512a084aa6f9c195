package dev.opsdesk.sandbox;

import dev.opsdesk.sandbox.failures.Simulation;
import dev.opsdesk.sandbox.webhooks.StandardWebhooks;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** Payment callbacks for tests, signed as a provider would sign them. */
final class Webhooks {

    private static final AtomicLong IDS = new AtomicLong();

    private Webhooks() {
    }

    static String event(String type, String orderNumber, String reference, long amount, String currency) {
        return "{\"type\":\"" + type + "\",\"data\":{\"orderNumber\":\"" + orderNumber + "\",\"paymentReference\":\""
                + reference + "\",\"amount\":" + amount + ",\"currency\":\"" + currency + "\"}}";
    }

    /**
     * A webhook-id the sandbox's simulated payment service does not time out on (so that a test gets the outcome it
     * sets up, not the 4 % of simulated timeouts).
     */
    static String id(SandboxServer server, String provider, String prefix) {
        Simulation simulation = new Simulation(server.options().seed());
        while (true) {
            String id = "msg_" + prefix + "_" + IDS.incrementAndGet();
            if (!simulation.intakeTimesOut(provider, id)) {
                return id;
            }
        }
    }

    /** One on which it does time out. */
    static String timingOutId(SandboxServer server, String provider) {
        Simulation simulation = new Simulation(server.options().seed());
        while (true) {
            String id = "msg_slow_" + IDS.incrementAndGet();
            if (simulation.intakeTimesOut(provider, id)) {
                return id;
            }
        }
    }

    /** Sends {@code body} signed with {@code signature} (or, when null, correctly with the server's secret). */
    static Api.Response send(SandboxServer server, String provider, String id, long timestamp, String body,
                             String signature) {
        String sig = signature != null ? signature : StandardWebhooks.sign(server.webhookSecret(provider), id,
                timestamp, body.getBytes(StandardCharsets.UTF_8));
        return new Api(server).request("POST", "/webhooks/payments/" + provider)
                .header(StandardWebhooks.ID_HEADER, id)
                .header(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(StandardWebhooks.SIGNATURE_HEADER, sig)
                .body(body)
                .send();
    }

    /** Sends {@code body}, correctly signed, stamped with the server's clock. */
    static Api.Response send(SandboxServer server, String provider, String id, String body) {
        return send(server, provider, id, server.options().clock().instant().getEpochSecond(), body, null);
    }
}
