package dev.opsdesk.sandbox.bench;

import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import dev.opsdesk.sandbox.Scale;
import dev.opsdesk.sandbox.TestAccess;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The filtered first page of {@code GET /v1/failures} (limit 100) against an in-process sandbox seeded with
 * {@code --scale large}: how long seeding takes, then p50/p95 per filter over sequential requests over loopback.
 * Not a test: run it by hand (see the module's README). Arguments (optional): {@code requests warmup}; default 200 20.
 */
public final class FailureListBenchmark {

    private FailureListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long started = System.nanoTime();
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0)
                .withScale(Scale.LARGE))) {
            System.out.printf("Started with %,d seeded failures: seeding %.1f s, whole start %.1f s%n",
                    TestAccess.seededFailures(sandbox), TestAccess.seedingTook(sandbox).toMillis() / 1000.0,
                    (System.nanoTime() - started) / 1e9);
            BenchHttp http = new BenchHttp(sandbox.baseUri());
            String admin = http.token("admin", "sandbox");
            String support = http.token("support", "sandbox");
            String someOrder = http.get("/v1/failures?limit=1&queue=FULFILLMENT_EXPORT", admin).json()
                    .at("/items/0/orderNumber").asText();
            String orderPrefix = someOrder.substring(0, someOrder.length() - 2);
            Map<String, String[]> cases = new LinkedHashMap<>();
            cases.put("no filter (admin)", new String[] {"", admin});
            cases.put("queue", new String[] {"queue=INVENTORY_SYNC", admin});
            cases.put("queue+status", new String[] {"queue=PAYMENT_CALLBACK&status=OPEN", admin});
            cases.put("queue+status list", new String[] {"queue=FULFILLMENT_EXPORT&status=OPEN,REPLAYING", admin});
            cases.put("reason", new String[] {"reason=CARRIER_REJECTED", admin});
            cases.put("rare reason", new String[] {"reason=TIMESTAMP_OUT_OF_TOLERANCE", admin});
            cases.put("q=order prefix (" + orderPrefix + ")", new String[] {"q=" + orderPrefix, admin});
            cases.put("provider", new String[] {"provider=adyen", admin});
            cases.put("support scope (no filter)", new String[] {"", support});
            cases.put("assignee=me", new String[] {"assignee=me", support});
            System.out.printf("%-34s %8s %8s %8s %7s%n", "GET /v1/failures?limit=100&...", "p50 ms", "p95 ms",
                    "max ms", "items");
            for (Map.Entry<String, String[]> c : cases.entrySet()) {
                String path = "/v1/failures?limit=100" + (c.getValue()[0].isEmpty() ? "" : "&" + c.getValue()[0]);
                http.measure(c.getKey(), path, c.getValue()[1], requests, warmup);
            }
        }
    }
}
