package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Settlement runs over HTTP, as people use them: a resumable upload, the same file refused twice, matching, and the
 * four eyes the server enforces — the preparer never approves (admin neither), an approved run is locked, a late
 * refund decertifies it, and every step is in the audit trail.
 */
class ReconFourEyesTest {

    private final SandboxServer server = TestSandboxes.shared();
    private final Api api = new Api(server);

    private String token(String role) {
        return api.token(TestSandboxes.demo(server, role));
    }

    /** A captured Stripe payment of the seed that no test refunded yet, as one settlement line. */
    private record Payment(String reference, String order, long amount, String currency, java.time.Instant captured) {
    }

    private Payment payment(int skip) {
        var r = server.dsl().selectFrom(PAYMENT).where(PAYMENT.PROVIDER.eq("stripe")).and(PAYMENT.STATE.eq("CAPTURED"))
                .orderBy(PAYMENT.CAPTURED_AT.desc(), PAYMENT.REFERENCE).offset(skip).limit(1).fetchSingle();
        return new Payment(r.getReference(), r.getOrderNumber(), r.getAmountMinor(), r.getCurrency(),
                r.getCapturedAt().toInstant());
    }

    private static String line(int n, Payment p) {
        long fee = Math.floorDiv(p.amount() * 150 + 5000, 10000) + 25;
        return "{\"lineNumber\":" + (n + 1) + ",\"kind\":\"CAPTURE\",\"providerReference\":\"" + p.reference()
                + "\",\"merchantReference\":\"" + p.order() + "\",\"currency\":\"" + p.currency() + "\",\"gross\":"
                + p.amount() + ",\"fee\":" + fee + ",\"net\":" + (p.amount() - fee) + ",\"bookedAt\":\""
                + p.captured() + "\",\"raw\":\"line " + n + "\"}";
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private JsonNode create(String token, Payment p, byte[] file, int lines, boolean allowDuplicate) throws Exception {
        LocalDate day = LocalDate.ofInstant(p.captured(), ZoneOffset.UTC);
        Api.Response r = api.postWithKey("/v1/reconciliation/runs", token, null, "{\"kind\":\"PAYMENT_SETTLEMENT\","
                + "\"provider\":\"STRIPE\",\"periodFrom\":\"" + day + "\",\"periodTo\":\"" + day + "\",\"layout\":"
                + "\"stripe\",\"fileName\":\"payout.csv\",\"fileSha256\":\"" + sha256(file) + "\",\"fileSize\":"
                + file.length + ",\"lineCount\":" + lines + ",\"allowDuplicateFile\":" + allowDuplicate + "}");
        ContractTest.conforms("POST", "/v1/reconciliation/runs", r, r.status());
        return r.json();
    }

    private Api.Response piece(String token, String runId, long offset, byte[] bytes, String key) {
        return api.request("PUT", "/v1/reconciliation/runs/" + runId + "/file?offset=" + offset).token(token)
                .header("Idempotency-Key", key).header("Content-Type", "application/octet-stream")
                .body(new String(bytes, StandardCharsets.ISO_8859_1)).send();
    }

    private Api.Response transition(String token, String runId, String action, String comment) {
        long version = api.get("/v1/reconciliation/runs/" + runId, token).json().get("version").asLong();
        return api.postWithKey("/v1/reconciliation/runs/" + runId + "/transitions", token, null, "{\"action\":\""
                + action + "\"" + (comment == null ? "" : ",\"comment\":\"" + comment + "\"") + ",\"version\":"
                + version + "}");
    }

    /** A run of two lines, uploaded with a resend, a gap refused and the file in two pieces; matched. */
    private String preparedRun(String token, Payment a, Payment b) throws Exception {
        byte[] file = ("id,amount\n" + a.reference() + "," + a.amount() + "\n" + b.reference() + "," + b.amount()
                + "\n" + UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII);
        String runId = create(token, a, file, 2, false).get("id").asText();
        String lines = "/v1/reconciliation/runs/" + runId + "/lines";
        Api.Response gap = api.postWithKey(lines, token, null, "{\"firstIndex\":1,\"lines\":[" + line(1, b) + "]}");
        ContractTest.conforms("POST", "/v1/reconciliation/runs/{runId}/lines", gap, 409);
        assertThat(gap.problemType()).isEqualTo("upload-gap");
        assertThat(gap.json().get("expectedIndex").asInt()).isZero();
        assertThat(api.postWithKey(lines, token, null, "{\"firstIndex\":0,\"lines\":[" + line(0, a) + "]}").status())
                .isEqualTo(200);
        // The first batch again (the answer was lost), then the rest: each line is stored once.
        assertThat(api.postWithKey(lines, token, null, "{\"firstIndex\":0,\"lines\":[" + line(0, a) + ","
                + line(1, b) + "]}").json().get("uploadedLines").asInt()).isEqualTo(2);
        int half = file.length / 2;
        assertThat(piece(token, runId, half + 5, java.util.Arrays.copyOfRange(file, half + 5, file.length), "g-"
                + runId).problemType()).isEqualTo("upload-gap");
        assertThat(piece(token, runId, 0, java.util.Arrays.copyOf(file, half), "p1-" + runId).status()).isEqualTo(200);
        assertThat(piece(token, runId, 0, java.util.Arrays.copyOf(file, half), "p1b-" + runId).status()).isEqualTo(200);
        Api.Response done = piece(token, runId, half, java.util.Arrays.copyOfRange(file, half, file.length),
                "p2-" + runId);
        ContractTest.conforms("PUT", "/v1/reconciliation/runs/{runId}/file", done, 200);
        assertThat(done.json().get("complete").asBoolean()).isTrue();
        Api.Response download = api.get("/v1/reconciliation/runs/" + runId + "/file", token);
        assertThat(download.body()).isEqualTo(new String(file, StandardCharsets.US_ASCII));
        assertThat(download.header("Content-Disposition")).contains("payout.csv");
        assertThat(api.get(lines, token).json().get("items")).hasSize(2);
        Api.Response matched = api.postWithKey("/v1/reconciliation/runs/" + runId + "/match", token, null, null);
        ContractTest.conforms("POST", "/v1/reconciliation/runs/{runId}/match", matched, 200);
        assertThat(matched.json().get("state").asText()).isEqualTo("IN_REVIEW");
        return runId;
    }

    @Test
    void thePreparerCannotApproveTheApprovedRunIsLockedAndALateRefundDecertifiesIt() throws Exception {
        String finance = token("finance");
        String approver = token("approver");
        Payment a = payment(0);
        Payment b = payment(1);
        String runId = preparedRun(finance, a, b);
        // Resolve whatever stands (fee variance of a seeded capture, unsettled payments of the day) to submit.
        JsonNode open = api.get("/v1/reconciliation/runs/" + runId + "/exceptions?status=OPEN&limit=500", finance)
                .json().get("items");
        if (!open.isEmpty()) {
            StringBuilder ids = new StringBuilder();
            open.forEach(x -> ids.append(ids.isEmpty() ? "" : ",").append('"').append(x.get("id").asText()).append('"'));
            assertThat(api.postWithKey("/v1/reconciliation/runs/" + runId + "/exceptions/bulk-resolve", finance, null,
                    "{\"exceptionIds\":[" + ids + "],\"code\":\"TIMING_DIFFERENCE\",\"note\":\"next payout\"}")
                    .json().get("resolved")).hasSize(open.size());
        }
        ContractTest.conforms("POST", "/v1/reconciliation/runs/{runId}/transitions",
                transition(finance, runId, "SUBMIT", null), 200);
        Api.Response own = transition(finance, runId, "APPROVE", null);
        assertThat(own.status()).isEqualTo(403);
        Api.Response approved = transition(approver, runId, "APPROVE", null);
        ContractTest.conforms("POST", "/v1/reconciliation/runs/{runId}/transitions", approved, 200);
        assertThat(approved.json().get("locked").asBoolean()).isTrue();
        assertThat(approved.json().get("approver").asText()).isEqualTo("approver");

        // Locked: every change but an approver's reopen is refused.
        Api.Response match = api.postWithKey("/v1/reconciliation/runs/" + runId + "/match", finance, null, null);
        assertThat(match.status()).isEqualTo(409);
        assertThat(match.problemType()).isEqualTo("run-locked");
        Api.Response upload = api.postWithKey("/v1/reconciliation/runs/" + runId + "/lines", finance, null,
                "{\"firstIndex\":2,\"lines\":[" + line(2, a) + "]}");
        assertThat(upload.problemType()).isEqualTo("run-locked");
        String someException = api.get("/v1/reconciliation/runs/" + runId + "/exceptions", finance).json()
                .at("/items/0/id").asText(null);
        if (someException != null) {
            Api.Response resolve = api.postWithKey("/v1/reconciliation/runs/" + runId + "/exceptions/" + someException
                    + "/resolve", finance, null, "{\"code\":\"WRITE_OFF\",\"note\":\"x\",\"version\":1}");
            assertThat(resolve.problemType()).isEqualTo("run-locked");
        }
        assertThat(transition(finance, runId, "SUBMIT", null).problemType()).isEqualTo("run-locked");
        assertThat(transition(approver, runId, "APPROVE", null).problemType()).isEqualTo("run-locked");
        JsonNode actions = api.get("/v1/reconciliation/runs/" + runId, finance).json().get("actions");
        assertThat(actions.toString()).contains("approved and locked");

        // A late refund of one of its payments, through the provider's signed callback.
        Api.Response refund = Webhooks.send(server, "stripe", Webhooks.id(server, "stripe", "late-refund"),
                Webhooks.event("refund.succeeded", a.order(), a.reference(), a.amount(), a.currency()));
        assertThat(refund.status()).isEqualTo(200);
        JsonNode run = api.get("/v1/reconciliation/runs/" + runId, approver).json();
        assertThat(run.get("state").asText()).isEqualTo("DECERTIFIED");
        assertThat(run.get("decertifiedReason").asText()).startsWith("Refund of ").contains(a.order())
                .contains(a.reference()).endsWith("after approval");
        Api.Response reopened = transition(approver, runId, "REOPEN", "Refund after approval; redo the review.");
        ContractTest.conforms("POST", "/v1/reconciliation/runs/{runId}/transitions", reopened, 200);
        assertThat(reopened.json().get("state").asText()).isEqualTo("IN_REVIEW");

        JsonNode trail = api.get("/v1/audit/events?entity=recon_run:" + runId + "&direction=asc&limit=100", approver)
                .json().get("items");
        java.util.List<String> audited = new java.util.ArrayList<>();
        trail.forEach(e -> audited.add(e.get("action").asText()));
        assertThat(audited).contains("recon.created", "recon.lines.uploaded", "recon.file.received", "recon.matched",
                "recon.submitted", "recon.approved", "recon.decertified", "recon.reopened");
        assertThat(audited.stream().filter("recon.lines.uploaded"::equals)).hasSize(1);
    }

    @Test
    void adminWhoPreparedCannotApproveEither() throws Exception {
        String admin = token("admin");
        String runId = preparedRun(admin, payment(2), payment(3));
        Api.Response r = api.get("/v1/reconciliation/runs/" + runId + "/exceptions?status=OPEN&limit=500", admin);
        r.json().get("items").forEach(x -> api.postWithKey("/v1/reconciliation/runs/" + runId + "/exceptions/"
                + x.get("id").asText() + "/resolve", admin, null, "{\"code\":\"NOT_AN_ERROR\",\"note\":\"ok\","
                + "\"version\":" + x.get("version").asInt() + "}"));
        assertThat(transition(admin, runId, "SUBMIT", null).status()).isEqualTo(200);
        Api.Response own = transition(admin, runId, "APPROVE", null);
        ContractTest.conforms("POST", "/v1/reconciliation/runs/{runId}/transitions", own, 403);
        assertThat(own.problemType()).isEqualTo("four-eyes");
        assertThat(own.json().get("detail").asText()).contains("You prepared this run");
    }

    @Test
    void theSameFileTwiceIsRefusedUnlessOnPurpose() throws Exception {
        String finance = token("finance");
        byte[] file = ("dup," + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
        String first = create(finance, payment(4), file, 1, false).get("id").asText();
        Api.Response again = api.postWithKey("/v1/reconciliation/runs", finance, null, "{\"kind\":\"PAYMENT_SETTLEMENT\","
                + "\"provider\":\"STRIPE\",\"periodFrom\":\"2026-11-01\",\"periodTo\":\"2026-11-01\",\"layout\":"
                + "\"stripe\",\"fileName\":\"again.csv\",\"fileSha256\":\"" + sha256(file) + "\",\"fileSize\":"
                + file.length + ",\"lineCount\":1}");
        ContractTest.conforms("POST", "/v1/reconciliation/runs", again, 409);
        assertThat(again.problemType()).isEqualTo("duplicate-file");
        assertThat(again.json().get("runId").asText()).isEqualTo(first);
        assertThat(create(finance, payment(4), file, 1, true).get("id").asText()).isNotEqualTo(first);
    }
}
