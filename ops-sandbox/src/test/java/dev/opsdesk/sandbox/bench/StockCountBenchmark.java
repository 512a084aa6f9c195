package dev.opsdesk.sandbox.bench;

import static dev.opsdesk.sandbox.db.Tables.SKU;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdesk.sandbox.DemoUser;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import dev.opsdesk.sandbox.Scale;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Stock counts at scale, over HTTP against the large seed: a LIST count of 20,000 SKUs, one request of 20,000 entries
 * as a scanner file sends them (half by EAN, each with its file line; about 8 % of lines off by a few units), then
 * submit and the first page of variances — the two figures issue 12 sets (entries ≤ 1 s; submit to first screen of
 * variances ≤ 2 s). Three rounds, each in another warehouse. Not a test: run it by hand (see src-docs/benchmarks.md).
 * {@code -Dbench.dataDir=DIR} keeps the seeded database.
 */
public final class StockCountBenchmark {

    private static final int LINES = 20_000;

    private StockCountBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        SandboxOptions options = SandboxOptions.defaults().withPort(0).withScale(Scale.LARGE);
        String dataDir = System.getProperty("bench.dataDir");
        if (dataDir != null) {
            options = options.withDataDir(Path.of(dataDir));
        }
        try (SandboxServer sandbox = SandboxServer.start(options)) {
            System.out.printf("Started (large seed) in %.1f s%n", (System.nanoTime() - started) / 1e9);
            BenchHttp http = new BenchHttp(sandbox.baseUri());
            DemoUser admin = sandbox.demoUsers().stream().filter(u -> u.role().equals("admin")).findFirst()
                    .orElseThrow();
            String token = http.token(admin.username(), admin.password());
            int round = 0;
            for (String warehouse : List.of("WH-3", "WH-4", "WH-5")) {
                Random random = new Random(1205 + round++);
                var pairs = sandbox.dsl().select(STOCK_PAIR.SKU, STOCK_PAIR.PLATFORM_QTY, SKU.EAN).from(STOCK_PAIR)
                        .join(SKU).on(SKU.SKU_.eq(STOCK_PAIR.SKU)).where(STOCK_PAIR.WAREHOUSE.eq(warehouse))
                        .orderBy(STOCK_PAIR.SKU).limit(LINES).fetch();
                ObjectNode start = BenchHttp.JSON.createObjectNode().put("warehouse", warehouse).put("scope", "LIST");
                ArrayNode codes = start.putArray("codes");
                pairs.forEach(p -> codes.add(p.value1()));
                long t0 = System.nanoTime();
                BenchHttp.Response count = http.post("/v1/stock-counts", token, start.toString());
                double startSeconds = (System.nanoTime() - t0) / 1e9;
                check(count, 201);
                String countId = count.json().get("id").asText();

                ObjectNode body = BenchHttp.JSON.createObjectNode().put("fileName", "scanner-" + warehouse + ".csv");
                ArrayNode entries = body.putArray("entries");
                for (int i = 0; i < pairs.size(); i++) {
                    var p = pairs.get(i);
                    int quantity = Math.max(0, p.value2()) + (random.nextInt(100) < 8 ? random.nextInt(7) - 3 : 0);
                    entries.addObject().put("code", i % 2 == 0 ? p.value1() : p.value3())
                            .put("quantity", Math.max(0, quantity)).put("source", "SCANNER_FILE")
                            .put("fileLine", i + 2);
                }
                String json = body.toString();
                long t1 = System.nanoTime();
                BenchHttp.Response added = http.post("/v1/stock-counts/" + countId + "/entries", token, json);
                double entriesSeconds = (System.nanoTime() - t1) / 1e9;
                check(added, 200);

                long t2 = System.nanoTime();
                BenchHttp.Response run = http.post("/v1/stock-counts/" + countId + "/submit", token, "{}");
                double submitSeconds = (System.nanoTime() - t2) / 1e9;
                check(run, 200);
                String runId = run.json().get("id").asText();
                BenchHttp.Response first = http.get("/v1/reconciliation/runs/" + runId + "/exceptions?limit=50",
                        token);
                double firstScreen = (System.nanoTime() - t2) / 1e9;
                check(first, 200);
                System.out.printf("%s: start %,d lines %.2f s; entries %,d (%,d bytes) %.2f s; submit %.2f s,"
                                + " to first screen of variances %.2f s (%,d exceptions: %s)%n", warehouse, pairs.size(),
                        startSeconds, pairs.size(), json.length(), entriesSeconds, submitSeconds, firstScreen,
                        run.json().at("/summary/openExceptions").asInt(),
                        run.json().at("/summary/exceptionsByCategory"));
            }
        }
    }

    private static void check(BenchHttp.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + r.status() + " "
                    + r.body().substring(0, Math.min(500, r.body().length())));
        }
    }
}
