package dev.opsdesk.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The contract, src-docs/api/ops-api.yaml, read for tests: its operations and its response schemas. */
final class OpenApi {

    /** Surefire runs in the module directory. */
    static final Path CONTRACT = Path.of("..", "src-docs", "api", "ops-api.yaml");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static OpenApi instance;

    private final JsonNode document;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private OpenApi(JsonNode document) {
        this.document = document;
    }

    static synchronized OpenApi load() {
        if (instance == null) {
            try {
                instance = new OpenApi(new ObjectMapper(new YAMLFactory()).readTree(CONTRACT.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the contract " + CONTRACT.toAbsolutePath(), e);
            }
        }
        return instance;
    }

    JsonNode document() {
        return document;
    }

    /** One operation: upper-case method and path template, e.g. GET /v1/users. */
    record Operation(String method, String path, JsonNode node) {

        boolean isPublic() {
            JsonNode security = node.get("security");
            return security != null && security.isArray() && security.isEmpty();
        }

        /** Whether a concrete path (e.g. /v1/failures/F-1) is an instance of this template, its query string aside. */
        boolean matches(String method, String concretePath) {
            String regex = Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            int query = concretePath.indexOf('?');
            String bare = query < 0 ? concretePath : concretePath.substring(0, query);
            return this.method.equalsIgnoreCase(method) && bare.matches(regex);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (METHODS.contains(op.getKey())) {
                    operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue()));
                }
            }
        }
        return operations;
    }

    Optional<Operation> operation(String method, String concretePath) {
        return operations().stream().filter(o -> o.matches(method, concretePath)).findFirst();
    }

    /** The documented response of an operation for a status, with $ref resolved; empty when not documented. */
    Optional<JsonNode> response(Operation operation, int status) {
        JsonNode response = operation.node().path("responses").get(Integer.toString(status));
        return Optional.ofNullable(response).map(this::resolve);
    }

    /** Follows a local $ref ("#/components/...") if the node is one. */
    JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String pointer = ref.asText();
        if (!pointer.startsWith("#")) {
            throw new IllegalArgumentException("Only local $refs are supported: " + pointer);
        }
        JsonNode target = document.at(pointer.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("Dangling $ref " + pointer);
        }
        return resolve(target);
    }

    /** JSON pointer escaping of one reference token. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Validates {@code instance} against the schema at {@code pointer} (a JSON pointer into the contract, e.g.
     * "/components/schemas/Me"); returns the violations, empty when valid. The schema is evaluated with the whole
     * contract as its root, so its $refs resolve as they are written.
     */
    List<String> validate(String pointer, JsonNode instance) {
        JsonSchema schema = schemas.computeIfAbsent(pointer, p -> {
            ObjectNode root = document.deepCopy();
            // Keep only what a schema needs from the root, and point it at the schema we want.
            root.retain("paths", "components");
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.put("$ref", "#" + p);
            return factory.getSchema(root, config);
        });
        Set<ValidationMessage> messages = schema.validate(instance);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The JSON pointer of the schema a documented response gives for a media type (following $refs). */
    String responseSchemaPointer(Operation operation, int status, String mediaType) {
        String base = "/paths/" + escape(operation.path()) + "/" + operation.method().toLowerCase(Locale.ROOT)
                + "/responses/" + status;
        JsonNode node = document.at(base);
        while (node.has("$ref")) {
            base = node.get("$ref").asText().substring(1);
            node = document.at(base);
        }
        return base + "/content/" + escape(mediaType) + "/schema";
    }
}
