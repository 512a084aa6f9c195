package dev.opsdesk.sandbox.bench;

import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import dev.opsdesk.sandbox.Scale;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stock matrix on {@code --scale large} (50,000 SKUs x 6 warehouses): p50/p95 of the first page of
 * {@code GET /v1/inventory/stock} (limit 100) for each filter and sort, the drift summary, and a resync job of
 * 10,000 pairs (pairs per second, audit appends included). Sequential requests over loopback. Not a test: run it by
 * hand (see src-docs/benchmarks.md). Arguments (optional): {@code requests warmup}; default 200 20.
 * {@code -Dbench.dataDir=DIR} keeps the seeded database between runs; {@code -Dbench.resyncOnly=true} measures the
 * resync job alone (it changes the pairs it resyncs: measure each time on a fresh copy of the database).
 */
public final class InventoryBenchmark {

    private InventoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long started = System.nanoTime();
        SandboxOptions options = SandboxOptions.defaults().withPort(0).withScale(Scale.LARGE);
        String dataDir = System.getProperty("bench.dataDir");
        if (dataDir != null) {
            options = options.withDataDir(Path.of(dataDir));
        }
        try (SandboxServer sandbox = SandboxServer.start(options)) {
            System.out.printf("Started (large seed) in %.1f s%n", (System.nanoTime() - started) / 1e9);
            BenchHttp http = new BenchHttp(sandbox.baseUri());
            String ops = http.token("ops", "sandbox");
            String warehouse = http.token("warehouse", "sandbox");
            String ean = http.get("/v1/inventory/stock?limit=1&warehouse=WH-5&sort=sku", ops).json()
                    .at("/items/0/ean").asText();
            Map<String, String[]> cases = new LinkedHashMap<>();
            cases.put("no filter, sort drift", new String[] {"", ops});
            cases.put("sort sku", new String[] {"sort=sku", ops});
            cases.put("sort oldestSync", new String[] {"sort=oldestSync", ops});
            cases.put("drifting", new String[] {"drifting=true", ops});
            cases.put("warehouse=WH-3", new String[] {"warehouse=WH-3", ops});
            cases.put("warehouse=WH-3 sort sku", new String[] {"warehouse=WH-3&sort=sku", ops});
            cases.put("state=STUCK", new String[] {"state=STUCK", ops});
            cases.put("state=SETTLING", new String[] {"state=SETTLING", ops});
            cases.put("minDrift=5", new String[] {"minDrift=5", ops});
            cases.put("oversold", new String[] {"oversold=true", ops});
            cases.put("integration=wms-WH-2", new String[] {"integration=wms-WH-2", ops});
            cases.put("WMS older than 60 min", new String[] {"staleSystem=WMS&olderThanMinutes=60", ops});
            cases.put("q=EAN", new String[] {"q=" + ean, ops});
            cases.put("q=SKU prefix", new String[] {"q=SKU-1234", ops});
            cases.put("q=name part", new String[] {"q=jacket", ops});
            cases.put("warehouse user (2 warehouses)", new String[] {"", warehouse});
            // One warm-up pass through every case first, so that the first cases measured do not carry the JIT's
            // compiling of the code all of them share.
            if (Boolean.getBoolean("bench.resyncOnly")) {
                cases.clear();
            }
            for (Map.Entry<String, String[]> c : cases.entrySet()) {
                for (int i = 0; i < warmup; i++) {
                    http.get("/v1/inventory/stock?limit=100" + (c.getValue()[0].isEmpty() ? "" : "&"
                            + c.getValue()[0]), c.getValue()[1]);
                }
            }
            System.out.printf("%-34s %8s %8s %8s %7s%n", "GET /v1/inventory/stock?limit=100&", "p50 ms", "p95 ms",
                    "max ms", "items");
            for (Map.Entry<String, String[]> c : cases.entrySet()) {
                String path = "/v1/inventory/stock?limit=100" + (c.getValue()[0].isEmpty() ? "" : "&" + c.getValue()[0]);
                http.measure(c.getKey(), path, c.getValue()[1], requests, warmup);
            }
            if (!cases.isEmpty()) {
                http.measure("GET /v1/inventory/summary", "/v1/inventory/summary", ops, Math.max(20, requests / 4),
                        warmup / 2);
                http.measure("GET /v1/inventory/integrations", "/v1/inventory/integrations", ops,
                        Math.max(20, requests / 4), warmup / 2);
            }

            // A resync job of 10,000 pairs through healthy feeds (WH-3), at the highest throttle.
            String pairs = http.get("/v1/inventory/stock?limit=1&warehouse=WH-3", ops).status() == 200
                    ? collect(http, ops, "WH-3", 10_000) : "";
            long t = System.nanoTime();
            BenchHttp.Response job = http.post("/v1/inventory/resync-jobs", ops,
                    "{\"pairs\":[" + pairs + "],\"throttlePerSecond\":10000}");
            if (job.status() != 202) {
                throw new IllegalStateException("resync: " + job);
            }
            String id = job.json().get("id").asText();
            while (true) {
                var j = http.get("/v1/replay-jobs/" + id, ops).json();
                if (j.get("status").asText().equals("COMPLETED")) {
                    double seconds = (System.nanoTime() - t) / 1e9;
                    System.out.printf("resync job of %,d pairs: %.1f s, %.0f pairs/s (succeeded %d, failed %d)%n",
                            j.get("total").asInt(), seconds, j.get("total").asInt() / seconds,
                            j.get("succeeded").asInt(), j.get("failed").asInt());
                    break;
                }
                Thread.sleep(Duration.ofMillis(200).toMillis());
            }
        }
    }

    private static String collect(BenchHttp http, String token, String warehouse, int n) throws Exception {
        StringBuilder keys = new StringBuilder();
        String cursor = null;
        int count = 0;
        while (count < n) {
            var page = http.get("/v1/inventory/stock?limit=500&sort=sku&warehouse=" + warehouse
                    + (cursor == null ? "" : "&cursor=" + cursor), token).json();
            for (var item : page.get("items")) {
                if (count++ >= n) {
                    break;
                }
                keys.append(keys.length() == 0 ? "" : ",").append('"').append(warehouse).append('/')
                        .append(item.get("sku").asText()).append('"');
            }
            if (page.get("nextCursor").isNull()) {
                break;
            }
            cursor = page.get("nextCursor").asText();
        }
        return keys.toString();
    }
}
