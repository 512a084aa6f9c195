package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a stock count over HTTP, as the desktop takes them, each answer checked against the contract: start a
 * count, record entries, submit, then work the run it became (resolve, submit, approve) and read stock.
 */
final class StockCountSteps {

    private final Api api;

    StockCountSteps(Api api) {
        this.api = api;
    }

    /** Every answer of a step, in order (the blind test scans them). */
    final List<Api.Response> answers = new ArrayList<>();

    private Api.Response seen(String method, String template, Api.Response r) {
        ContractTest.conforms(method, template, r, r.status());
        answers.add(r);
        return r;
    }

    Api.Response start(String token, String warehouse, List<String> codes) {
        ObjectNode body = Api.JSON.createObjectNode().put("warehouse", warehouse).put("scope", "LIST");
        ArrayNode list = body.putArray("codes");
        codes.forEach(list::add);
        return seen("POST", "/v1/stock-counts", api.postWithKey("/v1/stock-counts", token, null, body.toString()));
    }

    Api.Response startZone(String token, String warehouse, String zone) {
        return seen("POST", "/v1/stock-counts", api.postWithKey("/v1/stock-counts", token, null,
                "{\"warehouse\":\"" + warehouse + "\",\"scope\":\"ZONE\",\"zone\":\"" + zone + "\"}"));
    }

    /** A started count's id (fails the test unless it started). */
    String started(String token, String warehouse, List<String> codes) {
        Api.Response r = start(token, warehouse, codes);
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** Entries as code/quantity pairs: "SKU-100001", 3, "4001234567890", 2, … */
    Api.Response entries(String token, String countId, Object... codesAndQuantities) {
        ObjectNode body = Api.JSON.createObjectNode();
        ArrayNode list = body.putArray("entries");
        for (int i = 0; i < codesAndQuantities.length; i += 2) {
            int q = (Integer) codesAndQuantities[i + 1];
            list.addObject().put("code", (String) codesAndQuantities[i]).put("quantity", q)
                    .put("source", q < 0 ? "CORRECTION" : "SCANNED");
        }
        return seen("POST", "/v1/stock-counts/{countId}/entries", api.postWithKey("/v1/stock-counts/" + countId
                + "/entries", token, null, body.toString()));
    }

    Api.Response get(String token, String path, String template) {
        return seen("GET", template, api.get(path, token));
    }

    Api.Response submit(String token, String countId, boolean uncountedAsZero) {
        return seen("POST", "/v1/stock-counts/{countId}/submit", api.postWithKey("/v1/stock-counts/" + countId
                + "/submit", token, null, uncountedAsZero ? "{\"uncountedAsZero\":true}" : "{}"));
    }

    Api.Response cancel(String token, String countId, String reason) {
        return seen("POST", "/v1/stock-counts/{countId}/cancel", api.postWithKey("/v1/stock-counts/" + countId
                + "/cancel", token, null, "{\"reason\":\"" + reason + "\"}"));
    }

    /** The run's exceptions, by SKU. */
    java.util.Map<String, JsonNode> exceptions(String token, String runId) {
        Api.Response r = get(token, "/v1/reconciliation/runs/" + runId + "/exceptions?limit=500",
                "/v1/reconciliation/runs/{runId}/exceptions");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        java.util.Map<String, JsonNode> out = new java.util.TreeMap<>();
        r.json().get("items").forEach(x -> out.put(x.get("sku").asText(), x));
        return out;
    }

    Api.Response resolve(String token, String runId, JsonNode exception, String code) {
        return seen("POST", "/v1/reconciliation/runs/{runId}/exceptions/{exceptionId}/resolve", api.postWithKey(
                "/v1/reconciliation/runs/" + runId + "/exceptions/" + exception.get("id").asText() + "/resolve",
                token, null, "{\"code\":\"" + code + "\",\"note\":\"Checked on the shelf\",\"version\":"
                        + exception.get("version").asInt() + "}"));
    }

    Api.Response transition(String token, String runId, String action) {
        long version = api.get("/v1/reconciliation/runs/" + runId, token).json().get("version").asLong();
        return seen("POST", "/v1/reconciliation/runs/{runId}/transitions", api.postWithKey(
                "/v1/reconciliation/runs/" + runId + "/transitions", token, null, "{\"action\":\"" + action
                        + "\",\"version\":" + version + "}"));
    }

    /** The platform's on-hand of a pair and its version, as inventory shows it. */
    long[] onHand(String token, String warehouse, String sku) {
        JsonNode p = api.get("/v1/inventory/stock/" + warehouse + "/" + sku, token).json().get("pair");
        return new long[] {p.at("/platform/quantity").asLong(), p.at("/platform/version").asLong()};
    }

    /** An adjustment by hand (another person moving stock while the count goes on). */
    JsonNode adjust(String token, String warehouse, String sku, String reason, int delta) {
        long version = onHand(token, warehouse, sku)[1];
        Api.Response r = api.postWithKey("/v1/inventory/stock/" + warehouse + "/" + sku + "/adjustments", token, null,
                "{\"reason\":\"" + reason + "\",\"quantity\":" + delta + ",\"note\":\"picked for an order\","
                        + "\"expectedVersion\":" + version + "}");
        assertThat(r.status()).as("%s", r).isIn(200, 201);
        return r.json();
    }
}
