package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP semantics an outside caller relies on: body limits, HEAD, 405/415, encodings, response headers. */
class HttpHardeningTest {

    private static SandboxServer server;
    private static Api api;
    private static String token;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0));
        api = new Api(server);
        token = api.token(TestSandboxes.demo(server, "auditor"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aChunkedBodyPastTheLimitIsRefusedWith413EvenWhereNoSignInIsNeeded() {
        for (String path : List.of("/v1/sessions", "/webhooks/payments/stripe", "/v1/failures/replay-preview")) {
            RawHttp.Response r = RawHttp.postChunked(server, path, 24L * 1024 * 1024);
            assertThat(r.status()).as(path).isEqualTo(413);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("requestId").asText()).isNotBlank();
        }
        // Declared too large: refused before reading.
        RawHttp.Response declared = RawHttp.send(server, null, "POST /v1/sessions HTTP/1.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 300000000", "{".getBytes(StandardCharsets.UTF_8));
        assertThat(declared.status()).isEqualTo(413);
        // The server is fine afterwards.
        assertThat(api.get("/v1/health", null).status()).isEqualTo(200);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRead() {
        byte[] body = "{\"username\":\"auditor\",\"password\":\"sandbox\"}".getBytes(StandardCharsets.UTF_8);
        String chunked = Integer.toHexString(body.length) + "\r\n" + new String(body, StandardCharsets.UTF_8)
                + "\r\n0\r\n\r\n";
        RawHttp.Response r = RawHttp.send(server, null, "POST /v1/sessions HTTP/1.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked", chunked.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
    }

    @Test
    void headAnswersLikeGetWithoutABodyAndElsewhere405() {
        RawHttp.Response health = RawHttp.send(server, "HEAD /v1/health HTTP/1.1");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEmpty();
        assertThat(health.header("Content-Type")).startsWith("application/json");

        RawHttp.Response me = RawHttp.send(server, "HEAD /v1/me HTTP/1.1\r\nAuthorization: Bearer " + token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).isEmpty();
        assertThat(RawHttp.send(server, "HEAD /v1/me HTTP/1.1").status()).isEqualTo(401);

        RawHttp.Response events = RawHttp.send(server, "HEAD /v1/events HTTP/1.1\r\nAuthorization: Bearer " + token);
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.header("Content-Type")).startsWith("text/event-stream");
        assertThat(events.body()).isEmpty();

        RawHttp.Response signIn = RawHttp.send(server, "HEAD /v1/sessions HTTP/1.1");
        assertThat(signIn.status()).isEqualTo(405);
        assertThat(signIn.header("Allow")).isEqualTo("POST");
        assertThat(signIn.body()).isEmpty();
    }

    @Test
    void every405SaysWhatIsAllowed() {
        Api.Response me = api.request("PUT", "/v1/me").token(token).body("{}").send();
        assertThat(me.status()).isEqualTo(405);
        assertThat(me.header("Allow")).isEqualTo("GET, HEAD");
        Api.Response failures = api.request("DELETE", "/v1/failures").token(token).send();
        assertThat(failures.status()).isEqualTo(405);
        assertThat(failures.header("Allow")).isEqualTo("GET, HEAD");
        Api.Response session = api.request("GET", "/v1/sessions/current").token(token).send();
        assertThat(session.header("Allow")).isEqualTo("DELETE");
    }

    @Test
    void everyBodyIsUtf8AndTheContentTypeSaysSo() {
        Api.Response r = api.get("/v1/events?topics=%C3%A9t%C3%A9%E2%82%AC", token);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).matches("(?i)application/problem\\+json; ?charset=utf-8");
        assertThat(r.json().at("/errors/0/message").asText()).contains("'été€'");
        assertThat(api.get("/v1/me", token).contentType()).matches("(?i)application/json; ?charset=utf-8");
    }

    @Test
    void aBodyMustBeDeclaredJson() {
        String json = "{\"username\":\"auditor\",\"password\":\"sandbox\"}";
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml",
                "multipart/form-data; boundary=x", "application/json; charset=iso-8859-1")) {
            RawHttp.Response r = RawHttp.send(server, null, "POST /v1/sessions HTTP/1.1\r\nContent-Type: " + type
                    + "\r\nContent-Length: " + json.length(), json.getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(type).isEqualTo(415);
            assertThat(r.json().get("type").asText()).endsWith("/unsupported-media-type");
        }
        RawHttp.Response none = RawHttp.send(server, null, "POST /v1/sessions HTTP/1.1\r\nContent-Length: "
                + json.length(), json.getBytes(StandardCharsets.UTF_8));
        assertThat(none.status()).isEqualTo(415);
        RawHttp.Response webhook = RawHttp.send(server, null, "POST /webhooks/payments/stripe HTTP/1.1\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 2", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(webhook.status()).isEqualTo(415);
        RawHttp.Response ok = RawHttp.send(server, null, "POST /v1/sessions HTTP/1.1\r\nContent-Type: "
                + "application/json; charset=UTF-8\r\nContent-Length: " + json.length(), json.getBytes(StandardCharsets.UTF_8));
        assertThat(ok.status()).isEqualTo(201);
    }

    @Test
    void everyAnswerForbidsSniffingFramingAndCaching() {
        List<RawHttp.Response> answers = List.of(
                RawHttp.send(server, "GET /v1/health HTTP/1.1"),
                RawHttp.send(server, "GET /v1/me HTTP/1.1"),
                RawHttp.send(server, "GET /v1/nothing HTTP/1.1"),
                RawHttp.send(server, "GET /v1/%zz HTTP/1.1"),
                RawHttp.postChunked(server, "/v1/sessions", 2L * 1024 * 1024));
        for (RawHttp.Response r : answers) {
            assertThat(r.header("X-Content-Type-Options")).as("%s", r).isEqualTo("nosniff");
            assertThat(r.header("Cache-Control")).as("%s", r).isEqualTo("no-store");
            assertThat(r.header("Server")).as("%s", r).isNull();
        }
        RawHttp.Response health = answers.get(0);
        assertThat(health.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(health.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(health.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void unknownAndBlankQueryParametersAreRefusedNamingThem() {
        Api.Response unknown = api.get("/v1/failures?limit=5&colour=red", token);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/errors/0/field").asText()).isEqualTo("colour");
        Api.Response blank = api.get("/v1/audit/events?actor=&limit=5", token);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().at("/errors/0/field").asText()).isEqualTo("actor");
        assertThat(api.get("/v1/me?x=1", token).status()).isEqualTo(400);
        assertThat(api.get("/v1/health?probe=1", null).status()).isEqualTo(400);
        assertThat(api.get("/v1/failures?limit=5&status=OPEN,DEAD", token).status()).isEqualTo(200);
    }
}
