package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.AUDIT_EVENT;
import static dev.opsdesk.sandbox.db.Tables.STOCK_ADJUSTMENT;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A count from submission to stock: the variances become a run in review, the preparer never approves it (four eyes,
 * admin included), approval writes exactly the settled variances to stock with the run named, a line whose stock moved
 * during the count is MOVED_SINCE_COUNT with both numbers and the movement, and one that moved again after the review
 * is not written but sent back — and nothing is ever written twice.
 *
 * <p>Orders in the sandbox do not take stock (the platform's stock service is not simulated down to picks), so the
 * movement during the count is what another person does meanwhile: an adjustment by admin through the inventory API.
 */
class StockCountApprovalTest {

    private static SandboxServer server;
    private static Api api;
    private static StockCountSteps steps;
    private static int nextSku;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0));
        api = new Api(server);
        steps = new StockCountSteps(api);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(String role) {
        return api.token(TestSandboxes.demo(server, role));
    }

    /** {@code n} SKUs of WH-1 with a good few on hand, none used by another test of this class. */
    private static synchronized List<String> skus(int n) {
        List<String> skus = server.dsl().select(STOCK_PAIR.SKU).from(STOCK_PAIR).where(STOCK_PAIR.WAREHOUSE.eq("WH-1"))
                .and(STOCK_PAIR.PLATFORM_QTY.between(20, 500)).orderBy(STOCK_PAIR.SKU).offset(nextSku).limit(n)
                .fetch(STOCK_PAIR.SKU);
        nextSku += n;
        return skus;
    }

    private static long adjustmentsNaming(String runId, String sku) {
        return server.dsl().fetchCount(STOCK_ADJUSTMENT, STOCK_ADJUSTMENT.SKU.eq(sku)
                .and(STOCK_ADJUSTMENT.WAREHOUSE.eq("WH-1")).and(STOCK_ADJUSTMENT.NOTE.contains(runId)));
    }

    @Test
    void thePreparerCannotApproveAndApprovalWritesExactlyTheSettledVariances() {
        String admin = token("admin");
        String approver = token("approver");
        List<String> skus = skus(3);
        long[] a = steps.onHand(admin, "WH-1", skus.get(0));
        long[] b = steps.onHand(admin, "WH-1", skus.get(1));
        long[] c = steps.onHand(admin, "WH-1", skus.get(2));
        // admin counts (and so prepares): 2 short, 5 over, exact.
        String countId = steps.started(admin, "WH-1", skus);
        steps.entries(admin, countId, skus.get(0), (int) a[0] - 2, skus.get(1), (int) b[0] + 5, skus.get(2),
                (int) c[0]);
        Api.Response submitted = steps.submit(admin, countId, false);
        assertThat(submitted.status()).as("%s", submitted).isEqualTo(200);
        JsonNode run = submitted.json();
        String runId = run.get("id").asText();
        assertThat(run.get("kind").asText()).isEqualTo("STOCK_COUNT");
        assertThat(run.get("state").asText()).isEqualTo("IN_REVIEW");
        assertThat(run.get("preparer").asText()).isEqualTo("admin");
        assertThat(run.get("countId").asText()).isEqualTo(countId);
        assertThat(run.at("/summary/variance/shortUnits").asLong()).isEqualTo(2);
        assertThat(run.at("/summary/variance/overUnits").asLong()).isEqualTo(5);

        Map<String, JsonNode> xs = steps.exceptions(admin, runId);
        assertThat(xs).containsOnlyKeys(skus.get(0), skus.get(1));
        JsonNode short2 = xs.get(skus.get(0));
        assertThat(short2.get("category").asText()).isEqualTo("COUNT_SHORT");
        assertThat(short2.get("expected").asLong()).isEqualTo(a[0]);
        assertThat(short2.get("actual").asLong()).isEqualTo(a[0] - 2);
        assertThat(short2.get("difference").asLong()).isEqualTo(-2);
        assertThat(short2.get("value").asLong()).isNegative();
        assertThat(short2.get("currency").asText()).isEqualTo("EUR");
        assertThat(short2.get("summary").asText()).startsWith("Counted " + (a[0] - 2) + " of " + skus.get(0))
                .contains("in WH-1; " + a[0] + " on hand at the start: 2 short, \u2212\u20ac");
        assertThat(xs.get(skus.get(1)).get("category").asText()).isEqualTo("COUNT_OVER");

        assertThat(steps.resolve(admin, runId, short2, "WRITE_OFF").status()).as("a settlement code").isEqualTo(422);
        assertThat(steps.resolve(admin, runId, xs.get(skus.get(1)), "DAMAGED").status()).as("over is not damage")
                .isEqualTo(422);
        assertThat(steps.resolve(admin, runId, short2, "THEFT_OR_LOSS").status()).isEqualTo(200);
        assertThat(steps.resolve(admin, runId, xs.get(skus.get(1)), "RECOUNT").status()).isEqualTo(200);
        assertThat(steps.transition(admin, runId, "SUBMIT").status()).isEqualTo(200);

        Api.Response own = steps.transition(admin, runId, "APPROVE");
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.problemType()).isEqualTo("four-eyes");
        assertThat(steps.onHand(admin, "WH-1", skus.get(0))[0]).as("nothing written yet").isEqualTo(a[0]);

        Api.Response approved = steps.transition(approver, runId, "APPROVE");
        assertThat(approved.status()).as("%s", approved).isEqualTo(200);
        assertThat(approved.json().get("state").asText()).isEqualTo("APPROVED");
        assertThat(approved.json().at("/summary/variance/applied").asInt()).isEqualTo(2);
        assertThat(steps.onHand(admin, "WH-1", skus.get(0))[0]).isEqualTo(a[0] - 2);
        assertThat(steps.onHand(admin, "WH-1", skus.get(1))[0]).isEqualTo(b[0] + 5);
        assertThat(steps.onHand(admin, "WH-1", skus.get(2))).as("the exact line is untouched").isEqualTo(c);

        JsonNode applied = steps.exceptions(approver, runId).get(skus.get(0)).get("applied");
        assertThat(applied.get("status").asText()).isEqualTo("APPLIED");
        assertThat(applied.get("quantityBefore").asLong()).isEqualTo(a[0]);
        assertThat(applied.get("quantityAfter").asLong()).isEqualTo(a[0] - 2);
        String adjustment = applied.get("adjustmentId").asText();
        assertThat(server.dsl().fetchOne(STOCK_ADJUSTMENT, STOCK_ADJUSTMENT.ID.eq(adjustment)).getReason())
                .isEqualTo("LOST");

        List<String> audited = server.dsl().select(AUDIT_EVENT.ACTION).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.DETAILS.contains("\"runId\":\"" + runId + "\"")
                        .or(AUDIT_EVENT.ENTITY_ID.eq(runId)).or(AUDIT_EVENT.ENTITY_ID.eq(countId)))
                .orderBy(AUDIT_EVENT.SEQUENCE).fetch(AUDIT_EVENT.ACTION);
        assertThat(audited).containsSubsequence("stockcount.started", "stockcount.entries.added",
                "stockcount.submitted", "recon.created", "recon.exception.resolved", "recon.submitted",
                "inventory.adjusted", "inventory.adjusted", "recon.approved");
    }

    @Test
    void aLineThatMovedDuringTheCountShowsBothNumbersAndOneThatMovesAgainAfterReviewGoesBack() {
        String warehouse = token("warehouse");
        String admin = token("admin");
        String approver = token("approver");
        List<String> skus = skus(2);
        String moving = skus.get(0);
        String short3 = skus.get(1);
        long[] m = steps.onHand(admin, "WH-1", moving);
        long[] s = steps.onHand(admin, "WH-1", short3);
        String countId = steps.started(warehouse, "WH-1", skus);

        // While the count goes on, two units of the first SKU leave the shelf (recorded by another person).
        String adjustmentId = steps.adjust(admin, "WH-1", moving, "DAMAGED", -2).at("/adjustment/id").asText();
        // The counter counts after that: one more missing than the movement explains; the other SKU 3 short.
        steps.entries(warehouse, countId, moving, (int) m[0] - 3, short3, (int) s[0] - 3);
        String runId = steps.submit(warehouse, countId, false).json().get("id").asText();

        Map<String, JsonNode> xs = steps.exceptions(warehouse, runId);
        JsonNode moved = xs.get(moving);
        assertThat(moved.get("category").asText()).isEqualTo("MOVED_SINCE_COUNT");
        assertThat(moved.get("expected").asLong()).as("on hand at the start").isEqualTo(m[0]);
        assertThat(moved.get("quantityNow").asLong()).isEqualTo(m[0] - 2);
        assertThat(moved.get("actual").asLong()).isEqualTo(m[0] - 3);
        assertThat(moved.get("difference").asLong()).as("counted − (start + movements)").isEqualTo(-1);
        assertThat(moved.get("movements")).hasSize(1);
        assertThat(moved.at("/movements/0/delta").asInt()).isEqualTo(-2);
        assertThat(moved.at("/movements/0/cause").asText()).contains(adjustmentId, "DAMAGED", "admin");
        assertThat(moved.get("summary").asText()).contains(m[0] + " on hand at the start, " + (m[0] - 2)
                + " now after 1 movement (\u22122): 1 short");
        assertThat(xs.get(short3).get("category").asText()).isEqualTo("COUNT_SHORT");

        steps.resolve(warehouse, runId, moved, "MOVEMENT_EXPLAINED");
        steps.resolve(warehouse, runId, xs.get(short3), "THEFT_OR_LOSS");
        assertThat(steps.transition(warehouse, runId, "SUBMIT").status()).isEqualTo(200);
        // After the review, before approval: a unit of the second SKU turns up and is booked.
        steps.adjust(admin, "WH-1", short3, "FOUND", 1);

        Api.Response first = steps.transition(approver, runId, "APPROVE");
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.json().get("state").asText()).as("back in review").isEqualTo("IN_REVIEW");
        assertThat(first.json().at("/summary/variance/applied").asInt()).isEqualTo(1);
        assertThat(first.json().at("/summary/variance/notApplied").asInt()).isEqualTo(1);
        assertThat(steps.onHand(admin, "WH-1", moving)[0]).isEqualTo(m[0] - 3);
        assertThat(steps.onHand(admin, "WH-1", short3)[0]).as("not written").isEqualTo(s[0] + 1);

        JsonNode again = steps.exceptions(warehouse, runId).get(short3);
        assertThat(again.get("status").asText()).isEqualTo("OPEN");
        assertThat(again.get("category").asText()).isEqualTo("MOVED_SINCE_COUNT");
        assertThat(again.get("quantityNow").asLong()).isEqualTo(s[0] + 1);
        assertThat(again.get("difference").asLong()).isEqualTo(-4);
        assertThat(again.at("/applied/status").asText()).isEqualTo("MOVED_AGAIN");
        assertThat(again.get("movements")).hasSize(1);

        steps.resolve(warehouse, runId, again, "RECOUNT");
        steps.transition(warehouse, runId, "SUBMIT");
        Api.Response second = steps.transition(approver, runId, "APPROVE");
        assertThat(second.json().get("state").asText()).isEqualTo("APPROVED");
        assertThat(steps.onHand(admin, "WH-1", short3)[0]).isEqualTo(s[0] - 3);
        assertThat(steps.onHand(admin, "WH-1", moving)[0]).as("applied once only").isEqualTo(m[0] - 3);
        assertThat(adjustmentsNaming(runId, moving)).isEqualTo(1);
        assertThat(adjustmentsNaming(runId, short3)).isEqualTo(1);

        // Reopened and approved once more: what was applied stays applied, and is not written again.
        Api.Response reopen = api.postWithKey("/v1/reconciliation/runs/" + runId + "/transitions", approver, null,
                "{\"action\":\"REOPEN\",\"comment\":\"check\",\"version\":" + second.json().get("version").asInt()
                        + "}");
        assertThat(reopen.status()).as("%s", reopen).isEqualTo(200);
        steps.transition(warehouse, runId, "SUBMIT");
        assertThat(steps.transition(approver, runId, "APPROVE").json().get("state").asText()).isEqualTo("APPROVED");
        assertThat(adjustmentsNaming(runId, moving) + adjustmentsNaming(runId, short3)).isEqualTo(2);
        assertThat(steps.onHand(admin, "WH-1", short3)[0]).isEqualTo(s[0] - 3);
    }
}
