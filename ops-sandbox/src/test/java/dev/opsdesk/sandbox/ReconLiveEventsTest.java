package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.ReconHttp.Line;
import dev.opsdesk.sandbox.reconciliation.Provider;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Settlement runs on the live stream ({@code topics=reconciliation}): a submitted run arrives as
 * {@code recon.run.changed} with the run as it is now and what this reader may do with it; warehouse staff, who read
 * stock counts only, never see a settlement run go by.
 */
class ReconLiveEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final SandboxServer server = TestSandboxes.shared();
    private final ReconHttp finance = new ReconHttp(server, "finance");

    private SseClient connect(String role) throws InterruptedException {
        SseClient client = new SseClient(server.baseUri(), new Api(server).token(TestSandboxes.demo(server, role)),
                null, "reconciliation");
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.nextComment(WAIT)).isEqualTo("connected");
        return client;
    }

    /** The run of the first {@code recon.run.changed} about {@code runId} in {@code state}; fails if none comes. */
    private static JsonNode until(SseClient stream, String runId, String state) throws Exception {
        List<String> seen = new ArrayList<>();
        while (true) {
            SseClient.Event e = stream.next(WAIT);
            assertThat(e).as("run %s %s after %s", runId, state, seen).isNotNull();
            seen.add(e.event());
            JsonNode run = Api.JSON.readTree(e.data()).get("run");
            if (e.event().equals("recon.run.changed") && runId.equals(run.get("id").asText())
                    && state.equals(run.get("state").asText())) {
                return run;
            }
        }
    }

    private static JsonNode action(JsonNode run, String name) {
        for (JsonNode a : run.get("actions")) {
            if (a.get("action").asText().equals(name)) {
                return a;
            }
        }
        throw new AssertionError("no action " + name + " in " + run.get("actions"));
    }

    @Test
    void aSubmittedRunReachesItsReadersWithTheirOwnActionsAndNotTheWarehouse() throws Exception {
        // Today's newest Stripe capture, settled exactly: nothing is overdue on its day, so the run can be submitted.
        var p = server.dsl().selectFrom(PAYMENT).where(PAYMENT.PROVIDER.eq("stripe"))
                .and(PAYMENT.STATE.eq("CAPTURED")).orderBy(PAYMENT.CAPTURED_AT.desc()).limit(1).fetchSingle();
        LocalDate day = LocalDate.ofInstant(p.getCapturedAt().toInstant(), ZoneOffset.UTC);
        long fee = Provider.STRIPE.schedule(p.getCurrency()).orElseThrow().feeFor(p.getAmountMinor());
        try (SseClient preparer = connect("finance"); SseClient approver = connect("approver");
             SseClient warehouse = connect("warehouse")) {
            String runId = finance.matched("STRIPE", day, day, List.of(Line.capture(p.getReference(),
                    p.getOrderNumber(), p.getCurrency(), p.getAmountMinor(), fee,
                    p.getCapturedAt().toInstant().plusSeconds(60))));
            List<String> open = finance.exceptions(runId).stream().filter(x -> x.get("status").asText()
                    .equals("OPEN")).map(x -> "\"" + x.get("id").asText() + "\"").toList();
            if (!open.isEmpty()) {
                assertThat(finance.api().postWithKey("/v1/reconciliation/runs/" + runId
                        + "/exceptions/bulk-resolve", finance.token(), null, "{\"exceptionIds\":" + open
                        + ",\"code\":\"TIMING_DIFFERENCE\",\"note\":\"next payout\"}").status()).isEqualTo(200);
            }
            int version = finance.run(runId).get("version").asInt();
            Api.Response submitted = finance.api().postWithKey("/v1/reconciliation/runs/" + runId + "/transitions",
                    finance.token(), null, "{\"action\":\"SUBMIT\",\"version\":" + version + "}");
            assertThat(submitted.status()).as("%s", submitted).isEqualTo(200);

            JsonNode asApproverSeesIt = until(approver, runId, "SUBMITTED");
            assertThat(asApproverSeesIt.get("preparer").asText()).isEqualTo("finance");
            assertThat(asApproverSeesIt.at("/summary/matchedLines").asLong()).isEqualTo(1);
            assertThat(action(asApproverSeesIt, "APPROVE").get("allowed").asBoolean()).isTrue();

            JsonNode asPreparerSeesIt = until(preparer, runId, "SUBMITTED");
            JsonNode ownApproval = action(asPreparerSeesIt, "APPROVE");
            assertThat(ownApproval.get("allowed").asBoolean()).isFalse();
            assertThat(ownApproval.get("reason").asText()).isEqualTo("Your role cannot approve reconciliations.");

            // Warehouse staff may read stock counts only: the settlement run's changes never reach them.
            SseClient.Event e;
            while ((e = warehouse.next(Duration.ofMillis(500))) != null) {
                assertThat(Api.JSON.readTree(e.data()).at("/run/kind").asText()).isEqualTo("STOCK_COUNT");
            }
        }
    }
}
