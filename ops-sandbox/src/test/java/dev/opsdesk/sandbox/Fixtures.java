package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Condition;

/** Failures and jobs for tests, made the way the platform makes them (callbacks over HTTP, the seed). */
final class Fixtures {

    private static final AtomicInteger ORDERS = new AtomicInteger(830_000);

    private Fixtures() {
    }

    /** A new order number nobody has. */
    static String newOrderNumber() {
        return "ORD-" + ORDERS.incrementAndGet();
    }

    /**
     * Payment callbacks that arrived before their order ({@code deliveries} of them, each with its own webhook-id),
     * optionally followed by the order: open ORDER_NOT_FOUND failures whose replay captures once the order exists.
     * Returns the failure ids, then the order number and the payment reference.
     */
    static List<String> earlyCallbacks(SandboxServer server, int deliveries, boolean placeOrder) {
        String order = newOrderNumber();
        String reference = "pi_fx_" + order.substring(4);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            Api.Response r = Webhooks.send(server, "stripe", Webhooks.id(server, "stripe", "fx"),
                    Webhooks.event("payment.succeeded", order, reference, 4250, "EUR"));
            assertThat(r.status()).as("%s", r).isEqualTo(202);
            result.add(r.json().get("failureId").asText());
        }
        if (placeOrder) {
            assertThat(server.placeOrder(order, 4250, "EUR", "stripe", reference)).isTrue();
        }
        result.add(order);
        result.add(reference);
        return result;
    }

    /** One open failure whose replay captures a payment. */
    static String capturable(SandboxServer server) {
        return earlyCallbacks(server, 1, true).get(0);
    }

    /** Seeded failures matching {@code condition}, oldest id first. */
    static List<String> seeded(SandboxServer server, Condition condition, int limit) {
        List<String> ids = server.dsl().select(FAILURE.ID).from(FAILURE).where(condition).orderBy(FAILURE.ID)
                .limit(limit).fetch(FAILURE.ID);
        assertThat(ids).as("seeded failures where %s", condition).hasSize(limit);
        return ids;
    }

    static String seededOne(SandboxServer server, String queue, String status) {
        return seeded(server, FAILURE.QUEUE.eq(queue).and(FAILURE.STATUS.eq(status)), 1).get(0);
    }

    /** Polls a replay job until it has finished. */
    static JsonNode awaitJob(Api api, String token, String jobId, Duration timeout) {
        return await("job " + jobId + " finishes").atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get("/v1/replay-jobs/" + jobId, token).json(), job -> List.of("COMPLETED",
                        "CANCELLED").contains(job.get("status").asText()));
    }

    static String idsJson(List<String> ids) {
        return "[" + String.join(",", ids.stream().map(id -> "\"" + id + "\"").toList()) + "]";
    }
}
