package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdesk.sandbox.webhooks.StandardWebhooks;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests generated from the contract, valid and invalid, for every operation, signed in as each role (and as
 * nobody), against the real sandbox. For every answer: no 5xx; a status the operation documents (or one the
 * conventions allow on any route); a body that matches the documented schema; errors as UTF-8 problem+json carrying
 * the request id. A request whose every part was generated valid must not be refused as invalid (400/415): that is
 * the contract promising more than the server takes.
 *
 * <p>Values come from each parameter's and body's JSON Schema (types, enums, bounds, lengths, oneOf/allOf, $ref);
 * schemas that only a pattern describes get a valid sample from {@link #PATTERN_SAMPLES} and random invalid ones.
 * Responses are validated with the same JSON Schema library and contract reader as {@link ContractTest}. No Java
 * library generates OpenAPI 3.1 requests from a contract, so generation is this class; everything about validity is
 * the schema library's.
 *
 * <p>Reproducible: {@code -Dfuzz.seed=N} (default 1405); {@code -Dfuzz.requests=N} for a longer (nightly) run
 * (default 5,200); {@code -Dfuzz.verbose=true} prints requests and time per operation. Three workers, each with its
 * own generator seeded from the seed, send their own share of rounds, so each run sends the same requests.
 */
class ContractFuzzTest {

    private static final OpenApi CONTRACT = OpenApi.load();
    private static final long SEED = Long.getLong("fuzz.seed", 1405L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 5_200);
    private static final int WORKERS = 3;
    /** What the conventions allow on any route. */
    private static final Set<Integer> ANY_ROUTE = Set.of(400, 404, 405, 413, 415);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Samples of what a pattern-only schema accepts, by pattern. */
    private static final Map<String, List<String>> PATTERN_SAMPLES = new ConcurrentHashMap<>();

    private static SandboxServer server;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static final Map<String, List<String>> PATH_VALUES = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        // Generous limits: the fuzzer is one source sending thousands of requests on purpose.
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0)
                .withLimits(new SandboxOptions.Limits(64, 256, Duration.ofSeconds(15), 100_000, 100_000)));
        Api api = new Api(server);
        for (DemoUser user : server.demoUsers()) {
            TOKENS.put(user.role(), api.token(user));
        }
        PATH_VALUES.put("id", server.dsl().select(FAILURE.ID).from(FAILURE).orderBy(FAILURE.ID).limit(40)
                .fetch(FAILURE.ID));
        PATH_VALUES.put("orderNumber", server.dsl().selectDistinct(FAILURE.ORDER_NUMBER).from(FAILURE)
                .where(FAILURE.ORDER_NUMBER.isNotNull()).limit(10).fetch(FAILURE.ORDER_NUMBER));
        String job = api.postWithKey("/v1/replay-jobs", TOKENS.get("admin"), null, "{\"ids\":"
                + Fixtures.idsJson(PATH_VALUES.get("id").subList(0, 3)) + ",\"throttlePerSecond\":50}").json()
                .get("id").asText();
        PATH_VALUES.put("jobId", List.of(job));
        PATH_VALUES.put("provider", List.of("stripe", "adyen", "paypal"));
        String statuses = "OPEN,REPLAYING,RESOLVED,DISMISSED,DEAD";
        PATTERN_SAMPLES.put("status", List.of("OPEN", "DEAD", "OPEN,RESOLVED", statuses));
        PATTERN_SAMPLES.put("topics", List.of("failures", "audit", "failures,jobs", "jobs,audit"));
        PATTERN_SAMPLES.put("entity", List.of("failure:" + PATH_VALUES.get("id").get(0), "user:ops",
                "order:" + PATH_VALUES.get("orderNumber").get(0), "replay_job:" + job));
        PATTERN_SAMPLES.put("ids", PATH_VALUES.get("id"));
        // Inventory: real warehouse codes and pairs, a list of them, and one no warehouse has.
        PATTERN_SAMPLES.put("warehouse", List.of("WH-1", "WH-2", "WH-1,WH-3", "WH-404"));
        PATTERN_SAMPLES.put("pairs", List.of("WH-1/SKU-100001", "WH-2/SKU-100002", "WH-3/NO-SUCH-SKU"));
        // Reconciliation: the seeded runs and some of their exceptions, and a run and exception that do not exist.
        PATH_VALUES.put("runId", List.of("R-000001", "R-000002", "R-000003", "R-999999"));
        List<String> exceptions = new ArrayList<>(server.dsl().select(dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION.ID)
                .from(dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION).orderBy(dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION.ID)
                .limit(10).fetch(dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION.ID));
        exceptions.add("X-99999999");
        PATH_VALUES.put("exceptionId", exceptions);
        PATH_VALUES.put("name", List.of("bank-export", "Bank export 2", "ops.layout_1"));
        PATTERN_SAMPLES.put("state", List.of("DRAFT", "APPROVED", "IN_REVIEW,SUBMITTED", "DECERTIFIED"));
        PATTERN_SAMPLES.put("exceptionIds", exceptions);
        PATTERN_SAMPLES.put("fileSha256", List.of("0".repeat(64), "ab".repeat(32),
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        PATTERN_SAMPLES.put("currency", List.of("EUR", "GBP", "USD"));
        // Stock counts: the seeded open count of WH-1, and one that does not exist.
        PATH_VALUES.put("countId", List.of("C-000001", "C-999999"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One generated request and whether every part of it was generated valid. */
    private record Generated(String method, String path, Map<String, String> headers, String body, boolean valid,
                             String role) {

        @Override
        public String toString() {
            return method + " " + path + " as " + role + (valid ? " (valid)" : "") + " headers=" + headers
                    + (body == null ? "" : " body=" + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
        }
    }

    @Test
    void everyOperationAnswersWithinTheContractWhateverItIsSent() throws Exception {
        List<OpenApi.Operation> operations = CONTRACT.operations();
        List<String> findings = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, int[]> perOperation = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        // A few workers, each with its own seeded generator and its own rounds: the same requests every run.
        java.util.concurrent.atomic.AtomicInteger total = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> crashed = new CopyOnWriteArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                try {
                    fuzz(worker, operations, findings, perOperation, total);
                } catch (Throwable e) {
                    crashed.add(e);
                }
            }, "fuzz-" + w);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        assertThat(crashed).isEmpty();
        int sent = total.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf(Locale.ROOT, "Contract fuzz: %d requests over %d operations in %.1f s (seed %d)%n", sent,
                perOperation.size(), took.toMillis() / 1000.0, SEED);
        if (Boolean.getBoolean("fuzz.verbose")) {
            perOperation.forEach((op, stats) -> System.out.printf(Locale.ROOT, "  %-45s %5d requests %6d ms%n", op,
                    stats[0], stats[1]));
        }
        assertThat(perOperation.keySet()).as("every operation was fuzzed").hasSize(operations.size());
        assertThat(findings).as("findings (seed %d)", SEED).isEmpty();
    }

    private static void fuzz(int worker, List<OpenApi.Operation> operations, List<String> findings,
                             Map<String, int[]> perOperation, java.util.concurrent.atomic.AtomicInteger total)
            throws IOException, InterruptedException {
        Random random = new Random(SEED * 31 + worker);
        List<String> cursors = new ArrayList<>();
        int quota = REQUESTS / WORKERS + (worker < REQUESTS % WORKERS ? 1 : 0);
        int sent = 0;
        for (int i = worker; sent < quota; i++) {
            OpenApi.Operation op = operations.get(i % operations.size());
            for (int k = 0; k < share(op) && sent < quota; k++, sent++) {
                long t0 = System.nanoTime();
                Generated g = generate(op, random, cursors);
                RawAnswer answer = send(g);
                int[] stats = perOperation.computeIfAbsent(op.toString(), x -> new int[2]);
                synchronized (stats) {
                    stats[0]++;
                    stats[1] += (int) ((System.nanoTime() - t0) / 1_000_000);
                }
                String problem = check(op, g, answer, cursors);
                if (problem != null && findings.size() < 25) {
                    findings.add("worker " + worker + " #" + sent + " " + g + "\n   -> " + answer.status + " "
                            + answer.contentType + " " + answer.text().substring(0, Math.min(400,
                            answer.text().length())) + "\n   " + problem);
                }
                total.incrementAndGet();
            }
        }
    }

    /** How many requests an operation gets per round: sign-in hashes a password, so it gets fewer. */
    private static int share(OpenApi.Operation op) {
        return switch (op.toString()) {
            case "POST /v1/sessions", "DELETE /v1/sessions/current" -> 1;
            case "GET /v1/events", "POST /v1/replay-jobs" -> 2;
            default -> 6;
        };
    }

    // --- checking ---

    private record RawAnswer(int status, String contentType, String requestId, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What is wrong with the answer, or null. */
    private static String check(OpenApi.Operation op, Generated g, RawAnswer a, List<String> cursors) {
        if (a.status >= 500) {
            return "a server error";
        }
        JsonNode documented = CONTRACT.response(op, a.status).orElse(null);
        if (documented == null && !ANY_ROUTE.contains(a.status)) {
            return "status " + a.status + " is not documented for " + op;
        }
        if (g.valid && (a.status == 400 || a.status == 415 || a.status == 413)) {
            return "a request generated valid from the contract was refused";
        }
        if (a.status >= 400) {
            if (a.contentType == null || !a.contentType.toLowerCase(Locale.ROOT)
                    .matches("application/problem\\+json; ?charset=utf-8")) {
                return "an error that is not UTF-8 problem+json: " + a.contentType;
            }
            if (!isUtf8(a.body)) {
                return "a body that is not UTF-8";
            }
            JsonNode problem = json(a.body);
            if (problem == null || !problem.path("requestId").asText().equals(a.requestId)
                    || a.requestId == null || a.requestId.isBlank()) {
                return "a problem without the request id of its X-Request-Id header";
            }
            List<String> violations = CONTRACT.validate("/components/schemas/Problem", problem);
            return violations.isEmpty() ? null : "a problem that does not match Problem: " + violations;
        }
        JsonNode content = documented.get("content");
        if (content == null || content.isEmpty()) {
            return a.body.length == 0 ? null : "a body where the contract documents none";
        }
        String media = a.contentType == null ? "" : a.contentType.split(";")[0].trim();
        if (!content.has(media)) {
            return "media type " + media + " is not documented";
        }
        if (media.equals("text/event-stream")) {
            return null;
        }
        if (!media.equals("application/json")) {
            // A file (a settlement report, an original file): its media type is what the contract can say.
            return null;
        }
        if (!a.contentType.toLowerCase(Locale.ROOT).contains("charset=utf-8")) {
            return "a JSON body whose content type does not say UTF-8";
        }
        JsonNode body = json(a.body);
        if (body == null) {
            return "a body that is not JSON";
        }
        JsonNode next = body.get("nextCursor");
        if (next != null && next.isTextual() && cursors.size() < 200) {
            cursors.add(next.asText());
        }
        List<String> violations = CONTRACT.validate(CONTRACT.responseSchemaPointer(op, a.status, media), body);
        return violations.isEmpty() ? null : "a body that does not match its schema: " + violations;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            return Api.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    // --- sending ---

    private static RawAnswer send(Generated g) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUri() + g.path))
                .timeout(Duration.ofSeconds(20));
        g.headers.forEach(b::header);
        b.method(g.method, g.body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(g.body));
        HttpResponse<java.io.InputStream> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        String type = r.headers().firstValue("Content-Type").orElse(null);
        byte[] body;
        try (java.io.InputStream in = r.body()) {
            // An event stream does not end: its status and headers are the answer.
            body = type != null && type.startsWith("text/event-stream") ? new byte[0] : in.readAllBytes();
        }
        return new RawAnswer(r.statusCode(), type, r.headers().firstValue("X-Request-Id").orElse(null), body);
    }

    // --- generating ---

    private static Generated generate(OpenApi.Operation op, Random random, List<String> cursors) {
        boolean valid = true;
        List<String> roles = new ArrayList<>(TOKENS.keySet());
        String role = op.isPublic() ? "nobody" : random.nextInt(12) == 0 ? "nobody"
                : roles.get(random.nextInt(roles.size()));
        Map<String, String> headers = new LinkedHashMap<>();
        if (op.toString().equals("DELETE /v1/sessions/current") && !role.equals("nobody")) {
            // Signing out revokes the token: a session of its own.
            headers.put("Authorization", "Bearer " + new Api(server).token(TestSandboxes.demo(server, role)));
        } else if (!role.equals("nobody")) {
            headers.put("Authorization", "Bearer " + TOKENS.get(role));
        }
        String path = op.path();
        StringBuilder query = new StringBuilder();
        for (JsonNode p : op.node().path("parameters")) {
            JsonNode param = CONTRACT.resolve(p);
            String name = param.get("name").asText();
            String in = param.get("in").asText();
            JsonNode schema = CONTRACT.resolve(param.path("schema"));
            boolean required = param.path("required").asBoolean(false);
            switch (in) {
                case "path" -> {
                    List<String> known = PATH_VALUES.get(name);
                    if (schema.has("enum")) {
                        // The contract names the values (a settlement file's provider): those, not the webhooks'.
                        known = new ArrayList<>();
                        for (JsonNode v : schema.get("enum")) {
                            known.add(v.asText());
                        }
                    }
                    String value;
                    if (known != null && random.nextInt(5) > 0) {
                        value = known.get(random.nextInt(known.size()));
                    } else {
                        value = randomText(random, 1 + random.nextInt(30));
                        valid = false;
                    }
                    path = path.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8)
                            .replace("+", "%20"));
                }
                case "query" -> {
                    int dice = random.nextInt(10);
                    if (dice < 5 && !required) {
                        continue;
                    }
                    String value;
                    if (dice < 8) {
                        value = name.equals("cursor") ? (cursors.isEmpty() ? null
                                : cursors.get(random.nextInt(cursors.size()))) : text(validValue(name, schema, random));
                        if (name.equals("cursor")) {
                            valid = false; // a cursor of another list or sort is refused, rightly
                        }
                    } else {
                        value = invalidText(name, schema, random);
                        valid = false;
                    }
                    if (value == null) {
                        continue;
                    }
                    query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
                case "header" -> {
                    if (name.equalsIgnoreCase("Idempotency-Key")) {
                        int dice = random.nextInt(10);
                        if (dice < 8) {
                            headers.put(name, UUID.nameUUIDFromBytes(Long.toString(random.nextLong())
                                    .getBytes(StandardCharsets.UTF_8)).toString());
                        } else if (dice == 8) {
                            valid = false;
                        } else {
                            headers.put(name, "k".repeat(256));
                            valid = false;
                        }
                    } else if (name.equals("Last-Event-ID")) {
                        if (random.nextBoolean()) {
                            headers.put(name, Integer.toString(random.nextInt(50)));
                        }
                    }
                    // webhook-* headers are set with the body below
                }
                default -> {
                }
            }
        }
        if (breaksADocumentedRule(query.toString())) {
            valid = false;
        }
        if (random.nextInt(40) == 0) {
            query.append(query.isEmpty() ? "?" : "&").append("unknownParameter=1");
            valid = false;
        }
        String body = null;
        JsonNode requestBody = op.node().get("requestBody");
        if (requestBody != null && requestBody.path("content").has("application/octet-stream")) {
            // Bytes: any are valid; sometimes declared as something else.
            byte[] bytes = new byte[1 + random.nextInt(64)];
            random.nextBytes(bytes);
            body = java.util.Base64.getEncoder().encodeToString(bytes);
            boolean declared = random.nextInt(10) > 0;
            headers.put("Content-Type", declared ? "application/octet-stream" : "application/json");
            valid = valid && declared;
        } else if (requestBody != null) {
            JsonNode schema = requestBody.at("/content/application~1json/schema");
            int dice = random.nextInt(10);
            if (dice < 7) {
                body = validValue("body", CONTRACT.resolve(schema), random).toString();
            } else if (dice == 7) {
                body = mutate(validValue("body", CONTRACT.resolve(schema), random), random).toString();
            } else if (dice == 8) {
                body = List.of("", "{", "[]", "null", "\"é€\"", "{\"a\":1}{").get(random.nextInt(6));
            } else {
                body = "{}";
            }
            // Whether the body is valid is the schema's say, not the generator's.
            JsonNode parsed = body.isEmpty() ? null : json(body.getBytes(StandardCharsets.UTF_8));
            boolean bodyValid = body.isEmpty() ? !requestBody.path("required").asBoolean(false)
                    : parsed != null && CONTRACT.validate("/paths/" + OpenApi.escape(op.path()) + "/"
                    + op.method().toLowerCase(Locale.ROOT) + "/requestBody/content/application~1json/schema",
                    parsed).isEmpty();
            valid = valid && bodyValid && !breaksADocumentedBodyRule(op, parsed);
            if (!body.isEmpty()) {
                headers.put("Content-Type", random.nextInt(30) == 0 ? "text/plain" : "application/json");
                valid = valid && headers.get("Content-Type").equals("application/json");
            }
        }
        if (op.path().startsWith("/webhooks/")) {
            // Providers sign what they send; sometimes not well.
            String id = "msg_fuzz_" + random.nextInt(1_000_000);
            long now = server.options().clock().instant().getEpochSecond();
            headers.put(StandardWebhooks.ID_HEADER, random.nextInt(20) == 0 ? "x".repeat(129) : id);
            long ts = random.nextInt(10) == 0 ? random.nextLong() : now;
            headers.put(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(ts));
            String provider = path.substring(path.lastIndexOf('/') + 1);
            String secret = PATH_VALUES.get("provider").contains(provider) ? server.webhookSecret(provider)
                    : server.webhookSecret("stripe");
            headers.put(StandardWebhooks.SIGNATURE_HEADER, random.nextInt(4) == 0 ? "v1,bm90LXNpZ25lZA=="
                    : StandardWebhooks.sign(secret, headers.get(StandardWebhooks.ID_HEADER), ts,
                    (body == null ? "" : body).getBytes(StandardCharsets.UTF_8)));
            if (random.nextInt(8) == 0) {
                headers.put("x-api-key", "sk_live_fuzz");
            }
        }
        return new Generated(op.method(), path + query, headers, body, valid, role);
    }

    /** Rules within a body that the contract states in words (a schema cannot). */
    private static boolean breaksADocumentedBodyRule(OpenApi.Operation op, JsonNode body) {
        if (body == null || !body.isObject()) {
            return false;
        }
        return switch (op.toString()) {
            // A mapping needs bookedAt, currency and the amounts (SettlementMappingRequest.columns).
            case "PUT /v1/reconciliation/layouts/{name}" -> !body.path("columns").has("bookedAt")
                    || !body.path("columns").has("currency");
            // periodTo: not before periodFrom, at most 92 days after it.
            case "POST /v1/reconciliation/runs" -> body.hasNonNull("periodFrom") && body.hasNonNull("periodTo")
                    && body.get("periodTo").asText().compareTo(body.get("periodFrom").asText()) < 0;
            // A ZONE count names its zone and a LIST count its codes; no other count names either.
            case "POST /v1/stock-counts" -> "ZONE".equals(body.path("scope").asText()) != body.has("zone")
                    || "LIST".equals(body.path("scope").asText()) != body.has("codes");
            default -> false;
        };
    }

    /** Rules between parameters that the contract states in words (a schema per parameter cannot). */
    private static boolean breaksADocumentedRule(String query) {
        boolean entity = query.contains("entity=");
        boolean type = query.contains("entityType=");
        boolean id = query.contains("entityId=");
        return entity && (type || id) || id && !type;
    }

    private static String text(JsonNode value) {
        return value == null ? null : value.isTextual() ? value.asText() : value.toString();
    }

    /** A value the schema accepts. */
    private static JsonNode validValue(String name, JsonNode schema, Random random) {
        schema = CONTRACT.resolve(schema);
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        if (schema.has("oneOf") && !schema.has("properties")) {
            JsonNode options = schema.get("oneOf");
            return validValue(name, options.get(random.nextInt(options.size())), random);
        }
        if (schema.has("allOf")) {
            ObjectNode merged = NODES.objectNode();
            for (JsonNode part : schema.get("allOf")) {
                JsonNode v = validValue(name, part, random);
                if (v.isObject()) {
                    merged.setAll((ObjectNode) v);
                }
            }
            return merged;
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText()
                : schema.path("type").asText("object");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Set<String> required = new java.util.HashSet<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                if (schema.has("oneOf")) {
                    // "exactly one of": pick one alternative's required properties
                    JsonNode alternative = schema.get("oneOf").get(random.nextInt(schema.get("oneOf").size()));
                    alternative.path("required").forEach(r -> required.add(r.asText()));
                }
                for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                    String p = property.getKey();
                    boolean exclusive = schema.has("oneOf") && !required.contains(p)
                            && schema.get("oneOf").toString().contains("\"" + p + "\"");
                    if (required.contains(p) || (!exclusive && random.nextInt(3) == 0)) {
                        object.set(p, validValue(p, property.getValue(), random));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int min = schema.path("minItems").asInt(0);
                int n = Math.max(min, random.nextInt(4));
                for (int i = 0; i < n; i++) {
                    array.add(validValue(name, schema.path("items"), random));
                }
                return array;
            }
            case "integer" -> {
                long min = schema.path("minimum").asLong(0);
                long max = schema.path("maximum").asLong(Math.max(min, 0) + 1000);
                return NODES.numberNode(min + (long) (random.nextDouble() * (max - min + 1)));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            case "null" -> {
                return NODES.nullNode();
            }
            default -> {
                if ("date".equals(schema.path("format").asText())) {
                    return NODES.textNode(java.time.LocalDate.parse("2026-11-01").plusDays(random.nextInt(28))
                            .toString());
                }
                if ("date-time".equals(schema.path("format").asText())) {
                    Instant at = Instant.parse("2026-11-21T09:00:00Z").minusSeconds(random.nextInt(3_000_000));
                    ZoneOffset offset = random.nextBoolean() ? ZoneOffset.UTC : ZoneOffset.ofHours(random.nextInt(25) - 12);
                    return NODES.textNode(at.atOffset(offset).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                }
                if (schema.has("pattern")) {
                    List<String> samples = PATTERN_SAMPLES.get(name);
                    if (samples == null) {
                        samples = PATTERN_SAMPLES.get(name.endsWith("s") ? name : name + "s");
                    }
                    return NODES.textNode(samples == null ? UUID.randomUUID().toString()
                            : samples.get(random.nextInt(samples.size())));
                }
                int min = Math.max(1, schema.path("minLength").asInt(1));
                int max = Math.min(schema.path("maxLength").asInt(24), 24);
                return NODES.textNode(randomWord(random, min + random.nextInt(Math.max(1, max - min + 1))));
            }
        }
    }

    /** A value of the wrong shape for the schema (as query text). */
    private static String invalidText(String name, JsonNode schema, Random random) {
        String type = schema.path("type").asText("string");
        return switch (random.nextInt(6)) {
            case 0 -> " ";
            case 1 -> type.equals("integer") ? Long.toString(schema.path("maximum").asLong(1000) + 1
                    + random.nextInt(1000)) : "x".repeat(schema.path("maxLength").asInt(600) + 1);
            case 2 -> "-1";
            case 3 -> "é€\u0000" + randomText(random, 5);
            case 4 -> "2026-11-21T09:00:00";
            default -> randomText(random, 1 + random.nextInt(12));
        };
    }

    /** A near-valid body with one thing wrong. */
    private static JsonNode mutate(JsonNode value, Random random) {
        if (!value.isObject()) {
            return NODES.textNode("not " + value);
        }
        ObjectNode object = ((ObjectNode) value).deepCopy();
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        switch (random.nextInt(4)) {
            case 0 -> object.put("unexpected" + random.nextInt(100), true);
            case 1 -> {
                if (!names.isEmpty()) {
                    object.remove(names.get(random.nextInt(names.size())));
                } else {
                    object.put("x", 1);
                }
            }
            case 2 -> {
                if (!names.isEmpty()) {
                    object.put(names.get(random.nextInt(names.size())), 12.5);
                } else {
                    object.putNull("y");
                }
            }
            default -> {
                if (!names.isEmpty()) {
                    object.put(names.get(random.nextInt(names.size())), "é€ " + "z".repeat(5000));
                } else {
                    object.put("z", "€");
                }
            }
        }
        return object;
    }

    private static String randomWord(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    private static String randomText(Random random, int length) {
        String alphabet = "abcXYZ019-_.:;/%?#&=+ 'éü€\"<>{}[]\\";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
