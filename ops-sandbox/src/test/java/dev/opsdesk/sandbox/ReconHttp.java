package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Settlement runs over HTTP for tests, the way the desktop drives them: create the run, send its lines and its file,
 * match, and read back matches, exceptions and unmatched payments. Each run's file is unique, so that the duplicate-
 * file check never gets in a test's way.
 */
final class ReconHttp {

    /** One settlement line as the desktop sends it (minor units; a refund or payout is negative). */
    record Line(String kind, String providerReference, String merchantReference, String batchReference,
                String currency, long gross, long fee, Instant bookedAt) {

        static Line capture(String providerReference, String merchantReference, String currency, long gross, long fee,
                            Instant bookedAt) {
            return new Line("CAPTURE", providerReference, merchantReference, "po_test", currency, gross, fee,
                    bookedAt);
        }

        Line withBatch(String batch) {
            return new Line(kind, providerReference, merchantReference, batch, currency, gross, fee, bookedAt);
        }

        long net() {
            return gross - fee;
        }
    }

    private final SandboxServer server;
    private final Api api;
    private final String role;
    private String token;

    /** Signed in as the demo user of {@code role}. */
    ReconHttp(SandboxServer server, String role) {
        this.server = server;
        this.api = new Api(server);
        this.role = role;
        signIn();
    }

    /** Signs in again (after a test moved the clock past the session's end). */
    void signIn() {
        token = api.token(TestSandboxes.demo(server, role));
    }

    String token() {
        return token;
    }

    Api api() {
        return api;
    }

    /** Creates a run of {@code lines}, uploads them and a file that stands for them, and returns the run's id. */
    String upload(String provider, LocalDate from, LocalDate to, List<Line> lines, String extraRunFields) {
        return upload(provider, from, to, lines, extraRunFields,
                ("test settlement file " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The same with the file the lines were read from. */
    String upload(String provider, LocalDate from, LocalDate to, List<Line> lines, String extraRunFields,
                  byte[] file) {
        Api.Response created = api.postWithKey("/v1/reconciliation/runs", token, null, "{\"kind\":\"PAYMENT_SETTLEMENT\","
                + "\"provider\":\"" + provider + "\",\"periodFrom\":\"" + from + "\",\"periodTo\":\"" + to + "\","
                + "\"layout\":\"" + provider.toLowerCase(java.util.Locale.ROOT) + "\",\"fileName\":\"test.csv\","
                + "\"fileSha256\":\"" + sha256(file) + "\",\"fileSize\":" + file.length + ",\"lineCount\":"
                + lines.size() + (extraRunFields == null ? "" : "," + extraRunFields) + "}");
        assertThat(created.status()).as("create: %s", created).isEqualTo(201);
        String runId = created.json().get("id").asText();
        for (int first = 0; first < lines.size(); first += 1000) {
            ObjectNode batch = Api.JSON.createObjectNode().put("firstIndex", first);
            ArrayNode array = batch.putArray("lines");
            for (int i = first; i < Math.min(lines.size(), first + 1000); i++) {
                Line l = lines.get(i);
                array.addObject().put("lineNumber", i + 2).put("kind", l.kind())
                        .put("providerReference", l.providerReference()).put("merchantReference",
                                l.merchantReference()).put("batchReference", l.batchReference())
                        .put("currency", l.currency()).put("gross", l.gross()).put("fee", l.fee())
                        .put("net", l.net()).put("bookedAt", l.bookedAt().toString()).put("raw", "line " + i);
            }
            Api.Response sent = api.postWithKey("/v1/reconciliation/runs/" + runId + "/lines", token, null,
                    batch.toString());
            assertThat(sent.status()).as("lines: %s", sent).isEqualTo(200);
        }
        Api.Response piece = api.request("PUT", "/v1/reconciliation/runs/" + runId + "/file?offset=0").token(token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/octet-stream")
                .body(new String(file, StandardCharsets.ISO_8859_1)).send();
        assertThat(piece.json().get("complete").asBoolean()).as("file: %s", piece).isTrue();
        return runId;
    }

    /** Matches (again) and returns the run; {@code body} may set the tolerance or window, or be null. */
    JsonNode match(String runId, String body) {
        Api.Response r = api.postWithKey("/v1/reconciliation/runs/" + runId + "/match", token, null, body);
        ContractTest.conforms("POST", "/v1/reconciliation/runs/{runId}/match", r, 200);
        return r.json();
    }

    /** Uploads and matches in one go. */
    String matched(String provider, LocalDate from, LocalDate to, List<Line> lines) {
        String runId = upload(provider, from, to, lines, null);
        match(runId, null);
        return runId;
    }

    JsonNode run(String runId) {
        Api.Response r = api.get("/v1/reconciliation/runs/" + runId, token);
        ContractTest.conforms("GET", "/v1/reconciliation/runs/{runId}", r, 200);
        return r.json();
    }

    List<JsonNode> matches(String runId) {
        return all("/v1/reconciliation/runs/" + runId + "/matches", "/v1/reconciliation/runs/{runId}/matches");
    }

    List<JsonNode> exceptions(String runId) {
        return all("/v1/reconciliation/runs/" + runId + "/exceptions", "/v1/reconciliation/runs/{runId}/exceptions");
    }

    List<JsonNode> unmatched(String runId) {
        return all("/v1/reconciliation/runs/" + runId + "/unmatched-payments",
                "/v1/reconciliation/runs/{runId}/unmatched-payments");
    }

    JsonNode exception(String runId, String exceptionId) {
        Api.Response r = api.get("/v1/reconciliation/runs/" + runId + "/exceptions/" + exceptionId, token);
        ContractTest.conforms("GET", "/v1/reconciliation/runs/{runId}/exceptions/{exceptionId}", r, 200);
        return r.json();
    }

    Api.Response resolve(String runId, JsonNode exception, String code, String note, String paymentReference) {
        ObjectNode body = Api.JSON.createObjectNode().put("code", code).put("note", note)
                .put("version", exception.get("version").asInt());
        if (paymentReference != null) {
            body.put("paymentReference", paymentReference);
        }
        return api.postWithKey("/v1/reconciliation/runs/" + runId + "/exceptions/" + exception.get("id").asText()
                + "/resolve", token, null, body.toString());
    }

    Api.Response reopen(String runId, String exceptionId, String reason) {
        return api.postWithKey("/v1/reconciliation/runs/" + runId + "/exceptions/" + exceptionId + "/reopen", token,
                null, "{\"reason\":\"" + reason + "\"}");
    }

    private List<JsonNode> all(String path, String template) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response r = api.get(path + "?limit=500" + (cursor == null ? "" : "&cursor=" + cursor), token);
            ContractTest.conforms("GET", template, r, 200);
            r.json().get("items").forEach(out::add);
            JsonNode next = r.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
