package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.PAYMENT_CAPTURE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.failures.Simulation;
import dev.opsdesk.sandbox.webhooks.StandardWebhooks;
import dev.opsdesk.sandbox.webhooks.WebhookSecrets;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Payment callbacks end to end: signed with the server's secret, sent over HTTP, applied to orders and payments. */
class WebhookIntakeTest {

    private static final AtomicInteger ORDERS = new AtomicInteger(800_000);

    private static MutableClock clock;
    private static SandboxServer server;
    private static Api api;
    private static String support;

    @BeforeAll
    static void start() {
        clock = TestSandboxes.clock();
        server = TestSandboxes.withClock(clock);
        api = new Api(server);
        support = api.token(TestSandboxes.demo(server, "support"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A new order awaiting payment: number and payment reference. */
    private static String[] pendingOrder(long amount, String currency) {
        String order = "ORD-" + ORDERS.incrementAndGet();
        String reference = "pi_test_" + order.substring(4);
        assertThat(server.placeOrder(order, amount, currency, "stripe", reference)).isTrue();
        return new String[] {order, reference};
    }

    private static int captures(String reference) {
        return server.dsl().fetchCount(PAYMENT_CAPTURE, PAYMENT_CAPTURE.PAYMENT_REFERENCE.eq(reference));
    }

    private static JsonNode order(String orderNumber) {
        Api.Response r = api.get("/v1/orders/" + orderNumber, support);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    private static JsonNode failure(String id) {
        Api.Response r = api.get("/v1/failures/" + id, support);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    private static long now() {
        return clock.instant().getEpochSecond();
    }

    @Test
    void aSignedCallbackCapturesThePaymentAndMarksTheOrderPaid() {
        String[] o = pendingOrder(4250, "EUR");
        Api.Response r = Webhooks.send(server, "stripe", Webhooks.id(server, "stripe", "ok"),
                Webhooks.event("payment.succeeded", o[0], o[1], 4250, "EUR"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("received").asBoolean()).isTrue();
        assertThat(r.json().get("duplicate").asBoolean()).isFalse();
        JsonNode order = order(o[0]);
        assertThat(order.get("status").asText()).isEqualTo("PAID");
        assertThat(order.at("/payments/0/state").asText()).isEqualTo("CAPTURED");
        assertThat(order.at("/payments/0/capturedAt").asText()).isEqualTo(clock.instant().toString());
        assertThat(captures(o[1])).isEqualTo(1);
    }

    @Test
    void aDuplicateWebhookIdIsAcknowledgedAndNeverProcessedTwice() {
        String[] o = pendingOrder(1999, "GBP");
        String id = Webhooks.id(server, "adyen", "dup");
        String body = Webhooks.event("payment.succeeded", o[0], o[1], 1999, "GBP");
        assertThat(Webhooks.send(server, "adyen", id, body).json().get("duplicate").asBoolean()).isFalse();
        for (int i = 0; i < 3; i++) {
            Api.Response again = Webhooks.send(server, "adyen", id, body);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        }
        // Even another body under the same id is not processed: the id was received.
        Api.Response other = Webhooks.send(server, "adyen", id, Webhooks.event("refund.succeeded", o[0], o[1], 1999,
                "GBP"));
        assertThat(other.json().get("duplicate").asBoolean()).isTrue();
        assertThat(order(o[0]).get("status").asText()).isEqualTo("PAID");
        assertThat(captures(o[1])).isEqualTo(1);
        // The same id from another provider is another message.
        Api.Response paypal = Webhooks.send(server, "paypal", id, body);
        assertThat(paypal.json().get("duplicate").asBoolean()).isFalse();
        assertThat(captures(o[1])).isEqualTo(1);
    }

    @Test
    void anUnverifiableCallbackIsRefusedAndQuarantined() {
        String[] o = pendingOrder(899, "USD");
        String id = Webhooks.id(server, "stripe", "forged");
        String body = Webhooks.event("payment.succeeded", o[0], o[1], 899, "USD");
        String forged = StandardWebhooks.sign(WebhookSecrets.defaultSecret(-1, "stripe"), id, now(),
                body.getBytes(StandardCharsets.UTF_8));
        Api.Response r = Webhooks.send(server, "stripe", id, now(), body, forged);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.problemType()).isEqualTo("unauthenticated");
        String failureId = server.dsl().select(FAILURE.ID).from(FAILURE).where(FAILURE.EVENT_ID.eq(id))
                .fetchSingle(FAILURE.ID);
        assertThat(r.json().get("detail").asText()).contains("SIGNATURE_INVALID").contains(failureId);

        JsonNode f = failure(failureId);
        assertThat(f.get("status").asText()).isEqualTo("DEAD");
        assertThat(f.get("reason").asText()).isEqualTo("SIGNATURE_INVALID");
        assertThat(f.get("replayable").asBoolean()).isFalse();
        assertThat(f.get("orderNumber").asText()).isEqualTo(o[0]);
        assertThat(f.get("payload").asText()).isEqualTo(body);
        assertThat(f.at("/headers/webhook-signature").asText()).isEqualTo("v1,[redacted]");
        assertThat(f.get("headers").toString()).doesNotContain(forged.substring(3));
        assertThat(f.at("/attempts/0/statusCode").asInt()).isEqualTo(401);
        Api.Response replay = api.postWithKey("/v1/failures/" + failureId + "/replay", support, null, "{}");
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.problemType()).isEqualTo("failure-not-replayable");
        assertThat(order(o[0]).get("status").asText()).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void aTimestampJustInsideTheToleranceIsAcceptedAndJustOutsideQuarantined() {
        String[] o = pendingOrder(5900, "EUR");
        String body = Webhooks.event("payment.succeeded", o[0], o[1], 5900, "EUR");
        String staleId = Webhooks.id(server, "stripe", "stale");
        Api.Response stale = Webhooks.send(server, "stripe", staleId, now() - 301, body, null);
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.json().get("detail").asText()).contains("TIMESTAMP_OUT_OF_TOLERANCE");
        assertThat(server.dsl().select(FAILURE.STATUS, FAILURE.REASON).from(FAILURE).where(FAILURE.EVENT_ID.eq(staleId))
                .fetchSingle().into(String[].class)).containsExactly("DEAD", "TIMESTAMP_OUT_OF_TOLERANCE");
        Api.Response fresh = Webhooks.send(server, "stripe", Webhooks.id(server, "stripe", "fresh"), now() - 299, body,
                null);
        assertThat(fresh.status()).as("%s", fresh).isEqualTo(200);
        assertThat(order(o[0]).get("status").asText()).isEqualTo("PAID");
    }

    @Test
    void duringASecretRotationEitherSignatureAccepts() {
        String[] o = pendingOrder(3450, "EUR");
        String id = Webhooks.id(server, "stripe", "rotating");
        String body = Webhooks.event("payment.succeeded", o[0], o[1], 3450, "EUR");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String old = StandardWebhooks.sign(WebhookSecrets.defaultSecret(1234, "stripe"), id, now(), bytes);
        String current = StandardWebhooks.sign(server.webhookSecret("stripe"), id, now(), bytes);
        Api.Response r = Webhooks.send(server, "stripe", id, now(), body, old + " " + current);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(captures(o[1])).isEqualTo(1);
    }

    @Test
    void aCallbackThatOvertookTheCheckoutBecomesAFailureWhoseReplaySucceedsOnceTheOrderExists() {
        String order = "ORD-" + ORDERS.incrementAndGet();
        String reference = "pi_early_" + order.substring(4);
        Api.Response r = Webhooks.send(server, "stripe", Webhooks.id(server, "stripe", "early"),
                Webhooks.event("payment.succeeded", order, reference, 12999, "EUR"));
        assertThat(r.status()).as("%s", r).isEqualTo(202);
        String failureId = r.json().get("failureId").asText();
        JsonNode f = failure(failureId);
        assertThat(f.get("status").asText()).isEqualTo("OPEN");
        assertThat(f.get("reason").asText()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(f.get("replayable").asBoolean()).isTrue();
        assertThat(f.at("/amount/amountMinor").asLong()).isEqualTo(12999);
        assertThat(f.at("/attempts/0/actor").asText()).isEqualTo("system:webhook-intake");
        assertThat(f.at("/attempts/0/trigger").asText()).isEqualTo("AUTOMATIC");
        assertThat(f.at("/attempts/0/statusCode").asInt()).isEqualTo(404);
        assertThat(f.has("order")).isFalse();

        Api.Response tooEarly = api.postWithKey("/v1/failures/" + failureId + "/replay", support, null, "{}");
        assertThat(tooEarly.status()).isEqualTo(200);
        assertThat(tooEarly.json().get("outcome").asText()).isEqualTo("FAILED");
        assertThat(tooEarly.json().get("effect").asText()).isEqualTo("FAIL_AGAIN");
        assertThat(tooEarly.json().at("/failure/status").asText()).isEqualTo("OPEN");

        clock.advance(java.time.Duration.ofSeconds(5));
        assertThat(server.placeOrder(order, 12999, "EUR", "stripe", reference)).isTrue();
        Api.Response replay = api.postWithKey("/v1/failures/" + failureId + "/replay", support, null,
                "{\"note\":\"order arrived\"}");
        assertThat(replay.status()).as("%s", replay).isEqualTo(200);
        assertThat(replay.json().get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(replay.json().get("effect").asText()).isEqualTo("CAPTURE_PAYMENT");
        assertThat(replay.json().get("message").asText()).contains("129.99 EUR").contains(order);
        assertThat(replay.json().at("/failure/status").asText()).isEqualTo("RESOLVED");
        assertThat(replay.json().at("/failure/resolution/code").asText()).isEqualTo("REPLAYED");
        assertThat(replay.json().at("/failure/resolution/by").asText()).isEqualTo("support");

        JsonNode after = failure(failureId);
        assertThat(after.get("attempts")).hasSize(3);
        assertThat(after.at("/attempts/2/trigger").asText()).isEqualTo("MANUAL");
        assertThat(after.at("/attempts/2/outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(after.at("/order/status").asText()).isEqualTo("PAID");
        assertThat(after.get("notes").toString()).contains("order arrived");
        assertThat(captures(reference)).isEqualTo(1);
        Api.Response again = api.postWithKey("/v1/failures/" + failureId + "/replay", support, null, "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemType()).isEqualTo("failure-not-replayable");
        assertThat(captures(reference)).isEqualTo(1);
    }

    @Test
    void amountMismatchMalformedEnvelopesAndTimeoutsBecomeOpenFailures() {
        String[] o = pendingOrder(2490, "EUR");
        Api.Response mismatch = Webhooks.send(server, "stripe", Webhooks.id(server, "stripe", "mm"),
                Webhooks.event("payment.succeeded", o[0], o[1], 2990, "EUR"));
        assertThat(mismatch.status()).isEqualTo(202);
        JsonNode mm = failure(mismatch.json().get("failureId").asText());
        assertThat(mm.get("reason").asText()).isEqualTo("AMOUNT_MISMATCH");
        assertThat(mm.get("message").asText()).contains("29.90 EUR").contains("24.90 EUR");

        Api.Response notJson = Webhooks.send(server, "paypal", Webhooks.id(server, "paypal", "bad"), "{\"type\":");
        assertThat(notJson.status()).isEqualTo(202);
        JsonNode nj = failure(notJson.json().get("failureId").asText());
        assertThat(nj.get("reason").asText()).isEqualTo("SCHEMA_INVALID");
        assertThat(nj.get("payload").asText()).isEqualTo("{\"type\":");

        Api.Response noData = Webhooks.send(server, "paypal", Webhooks.id(server, "paypal", "nodata"),
                "{\"type\":\"payment.succeeded\",\"data\":{\"orderNumber\":\"" + o[0] + "\"}}");
        JsonNode nd = failure(noData.json().get("failureId").asText());
        assertThat(nd.get("reason").asText()).isEqualTo("SCHEMA_INVALID");
        assertThat(nd.get("orderNumber").asText()).as("findable by order number").isEqualTo(o[0]);
        assertThat(nd.get("message").asText()).contains("data.amount");

        String slowId = Webhooks.timingOutId(server, "stripe");
        Api.Response timeout = Webhooks.send(server, "stripe", slowId,
                Webhooks.event("payment.succeeded", o[0], o[1], 2490, "EUR"));
        assertThat(timeout.status()).isEqualTo(202);
        String failureId = timeout.json().get("failureId").asText();
        assertThat(failure(failureId).get("reason").asText()).isEqualTo("DOWNSTREAM_TIMEOUT");
        assertThat(order(o[0]).get("status").asText()).isEqualTo("PENDING_PAYMENT");
        // Whether the replay times out again is the simulation's (deterministic) call; the preview knows it too.
        boolean timesOutAgain = new Simulation(server.options().seed()).paymentReplayTimesOut(failureId, 2);
        Api.Response preview = api.post("/v1/failures/replay-preview", support, "{\"ids\":[\"" + failureId + "\"]}");
        assertThat(preview.json().at("/items/0/effect").asText())
                .isEqualTo(timesOutAgain ? "FAIL_AGAIN" : "CAPTURE_PAYMENT");
        Api.Response replay = api.postWithKey("/v1/failures/" + failureId + "/replay", support, null, "{}");
        assertThat(replay.json().get("outcome").asText()).isEqualTo(timesOutAgain ? "FAILED" : "SUCCEEDED");
    }

    @Test
    void failedNoticesAndRefundsApplyOnce() {
        String[] failing = pendingOrder(1500, "GBP");
        assertThat(Webhooks.send(server, "stripe", Webhooks.id(server, "stripe", "pf"),
                Webhooks.event("payment.failed", failing[0], failing[1], 1500, "GBP")).status()).isEqualTo(200);
        JsonNode failed = order(failing[0]);
        assertThat(failed.get("status").asText()).isEqualTo("PAYMENT_FAILED");
        assertThat(failed.at("/payments/0/state").asText()).isEqualTo("FAILED");

        String[] o = pendingOrder(7999, "USD");
        Webhooks.send(server, "stripe", Webhooks.id(server, "stripe", "pay"),
                Webhooks.event("payment.succeeded", o[0], o[1], 7999, "USD"));
        for (int i = 0; i < 2; i++) {
            Api.Response refund = Webhooks.send(server, "stripe", Webhooks.id(server, "stripe", "refund"),
                    Webhooks.event("refund.succeeded", o[0], o[1], 7999, "USD"));
            assertThat(refund.status()).as("refund %d: %s", i, refund).isEqualTo(200);
        }
        JsonNode refunded = order(o[0]);
        assertThat(refunded.get("status").asText()).isEqualTo("REFUNDED");
        assertThat(refunded.at("/payments/0/state").asText()).isEqualTo("REFUNDED");
        assertThat(captures(o[1])).isEqualTo(1);
    }

    @Test
    void anUnknownProviderIsNotFound() {
        Api.Response klarna = api.request("POST", "/webhooks/payments/klarna").body("{}").send();
        assertThat(klarna.status()).isEqualTo(404);
        assertThat(klarna.problemType()).isEqualTo("not-found");
    }

    /** A webhook-id of exactly {@code length} characters on which the simulated payment service does not time out. */
    private static String idOfLength(int length) {
        Simulation simulation = new Simulation(server.options().seed());
        for (int i = 0; ; i++) {
            String prefix = "msg_long_" + length + "_" + i + "_";
            String id = prefix + "x".repeat(length - prefix.length());
            if (!simulation.intakeTimesOut("stripe", id)) {
                return id;
            }
        }
    }

    @Test
    void everyWebhookIdTheContractAllowsIsProcessedOnceAndLongerOnesAreQuarantined() {
        for (int length : new int[] {121, 122, 127, 128}) {
            String[] o = pendingOrder(1000 + length, "EUR");
            String id = idOfLength(length);
            String body = Webhooks.event("payment.succeeded", o[0], o[1], 1000 + length, "EUR");
            Api.Response first = Webhooks.send(server, "stripe", id, body);
            assertThat(first.status()).as("id of %s: %s", length, first).isEqualTo(200);
            assertThat(order(o[0]).get("status").asText()).isEqualTo("PAID");
            Api.Response retry = Webhooks.send(server, "stripe", id, body);
            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.json().get("duplicate").asBoolean()).isTrue();
            assertThat(captures(o[1])).isEqualTo(1);
        }
        String[] o = pendingOrder(1129, "EUR");
        Api.Response tooLong = Webhooks.send(server, "stripe", idOfLength(129),
                Webhooks.event("payment.succeeded", o[0], o[1], 1129, "EUR"));
        assertThat(tooLong.status()).isEqualTo(401);
        assertThat(tooLong.json().get("detail").asText()).contains("longer than 128");
    }

    @Test
    void onlyHeadersKnownToBeHarmlessAreShownTheRestAreRedacted() {
        String id = Webhooks.id(server, "stripe", "hdr");
        String body = Webhooks.event("payment.succeeded", "ORD-NOPE-" + ORDERS.incrementAndGet(), "pi_hdr", 500, "EUR");
        long ts = now();
        Api.Response r = new Api(server).request("POST", "/webhooks/payments/stripe")
                .header(StandardWebhooks.ID_HEADER, id)
                .header(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(ts))
                .header(StandardWebhooks.SIGNATURE_HEADER, StandardWebhooks.sign(server.webhookSecret("stripe"), id, ts,
                        body.getBytes(StandardCharsets.UTF_8)))
                .header("api_key", "sk_live_one").header("x-auth-key", "two").header("x-password", "three")
                .header("x-session", "four").header("x-custom", "five").header("User-Agent", "Stripe/1.0")
                .body(body).send();
        assertThat(r.status()).as("%s", r).isEqualTo(202);
        JsonNode headers = failure(r.json().get("failureId").asText()).get("headers");
        for (String secret : new String[] {"api_key", "x-auth-key", "x-password", "x-session", "x-custom"}) {
            assertThat(headers.get(secret).asText()).as(secret).isEqualTo("[redacted]");
        }
        assertThat(headers.toString()).doesNotContain("sk_live_one").doesNotContain("two").doesNotContain("three")
                .doesNotContain("four").doesNotContain("five");
        assertThat(headers.get("user-agent").asText()).isEqualTo("Stripe/1.0");
        assertThat(headers.get("webhook-id").asText()).isEqualTo(id);
        assertThat(headers.get("content-type").asText()).startsWith("application/json");
    }

    @Test
    void anUnverifiedCallbackKeepsOnlyItsFirstKilobyteAndADigest() throws Exception {
        String id = Webhooks.id(server, "stripe", "big");
        String body = "{\"type\":\"payment.succeeded\",\"padding\":\"" + "z".repeat(200_000) + "\"}";
        Api.Response r = Webhooks.send(server, "stripe", id, now(), body, "v1,bm90LWEtc2lnbmF0dXJl");
        assertThat(r.status()).isEqualTo(401);
        String failureId = server.dsl().select(FAILURE.ID).from(FAILURE).where(FAILURE.EVENT_ID.eq(id))
                .fetchSingle(FAILURE.ID);
        JsonNode f = failure(failureId);
        assertThat(f.get("payload").asText()).startsWith("{\"type\":\"payment.succeeded\"").hasSizeLessThanOrEqualTo(1025);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(f.get("message").asText()).contains(sha).contains(body.length() + " bytes");
    }
}
