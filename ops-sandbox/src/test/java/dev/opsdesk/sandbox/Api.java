package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Raw HTTP to a sandbox, as any client would speak it (no ops-api-client here on purpose). */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final URI base;

    Api(URI base) {
        this.base = base;
    }

    Api(SandboxServer server) {
        this(server.baseUri());
    }

    record Response(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse(null);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The problem's type slug, e.g. "unauthenticated". */
        String problemType() {
            assertThat(contentType()).startsWith("application/problem+json");
            return json().path("type").asText().replace("https://opsdesk.dev/problems/", "");
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + body;
        }
    }

    Request request(String method, String path) {
        return new Request(method, path);
    }

    Response get(String path, String token) {
        return request("GET", path).token(token).send();
    }

    Response delete(String path, String token) {
        return request("DELETE", path).token(token).send();
    }

    Response post(String path, String token, String body) {
        return request("POST", path).token(token).body(body).send();
    }

    /** A POST with an Idempotency-Key (a new one when {@code key} is null). */
    Response postWithKey(String path, String token, String key, String body) {
        Request r = request("POST", path).token(token).header("Idempotency-Key",
                key != null ? key : java.util.UUID.randomUUID().toString());
        if (body != null) {
            r.body(body);
        }
        return r.send();
    }

    Response signIn(String username, String password) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        return post("/v1/sessions", null, body.toString());
    }

    /** Signs in and returns the bearer token; fails the test if sign-in fails. */
    String token(String username, String password) {
        Response r = signIn(username, password);
        assertThat(r.status()).as("sign-in of %s: %s", username, r).isEqualTo(201);
        return r.json().get("token").asText();
    }

    String token(DemoUser user) {
        return token(user.username(), user.password());
    }

    final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Request token(String token) {
            if (token != null) {
                headers.put("Authorization", "Bearer " + token);
            }
            return this;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request body(String body) {
            this.body = body;
            return this;
        }

        Response send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
            headers.forEach(b::header);
            if (body != null && !headers.containsKey("Content-Type")) {
                b.header("Content-Type", "application/json");
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            try {
                HttpResponse<java.io.InputStream> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (java.io.InputStream in = r.body()) {
                    // An event stream never ends: take its status and headers, and hang up.
                    boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
                    String body = stream ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    return new Response(r.statusCode(), r.headers(), body);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
