package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bulk job's progress is its starter's: two people watch the {@code jobs} topic, one starts a resync (or a bulk
 * replay), and only that one receives its {@code job.progress} — the other, who reads every queue and every
 * warehouse, still sees the stock it changed on {@code inventory}.
 */
class InventoryJobEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static SandboxServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0));
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String data) {
        try {
            return JSON.readTree(data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String token(String role) {
        return api.token(TestSandboxes.demo(server, role));
    }

    private static SseClient connect(String token, String topics) throws InterruptedException {
        SseClient client = new SseClient(server.baseUri(), token, null, topics);
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.nextComment(WAIT)).isEqualTo("connected");
        return client;
    }

    /** The events of {@code stream} until one says {@code jobId} completed (or nothing more comes). */
    private static List<SseClient.Event> untilCompleted(SseClient stream, String jobId) throws InterruptedException {
        List<SseClient.Event> seen = new ArrayList<>();
        for (SseClient.Event e = stream.next(WAIT); e != null; e = stream.next(WAIT)) {
            seen.add(e);
            JsonNode data = json(e.data());
            if (e.event().equals("job.progress") && data.at("/job/id").asText().equals(jobId)
                    && data.at("/job/status").asText().equals("COMPLETED")) {
                break;
            }
        }
        return seen;
    }

    /** Everything {@code stream} received within {@code quiet} of silence. */
    private static List<SseClient.Event> drain(SseClient stream, Duration quiet) throws InterruptedException {
        List<SseClient.Event> seen = new ArrayList<>();
        for (SseClient.Event e = stream.next(quiet); e != null; e = stream.next(quiet)) {
            seen.add(e);
        }
        return seen;
    }

    private static List<String> jobIds(List<SseClient.Event> events) {
        return events.stream().filter(e -> e.event().equals("job.progress"))
                .map(e -> json(e.data()).at("/job/id").asText()).toList();
    }

    @Test
    void aResyncsProgressReachesItsStarterAndNotAnotherSignedInUser() throws Exception {
        String ops = token("ops");
        String admin = token("admin");
        String sku = api.get("/v1/inventory/stock?limit=1&drifting=true&warehouse=WH-3", ops).json()
                .at("/items/0/sku").asText();
        try (SseClient starter = connect(ops, "jobs"); SseClient other = connect(admin, "jobs,inventory")) {
            String job = api.postWithKey("/v1/inventory/resync-jobs", ops, null,
                    "{\"pairs\":[\"WH-3/" + sku + "\"],\"throttlePerSecond\":1000}").json().get("id").asText();
            List<SseClient.Event> own = untilCompleted(starter, job);
            assertThat(jobIds(own)).contains(job);
            assertThat(json(own.get(own.size() - 1).data()).at("/job/kind").asText()).isEqualTo("RESYNC");

            List<SseClient.Event> others = drain(other, Duration.ofSeconds(2));
            assertThat(jobIds(others)).as("the admin did not start it").doesNotContain(job);
            // What the job changed still reaches the admin, who reads WH-3.
            assertThat(others).anySatisfy(e -> {
                assertThat(e.event()).isEqualTo("stock.changed");
                assertThat(json(e.data()).at("/stock/sku").asText()).isEqualTo(sku);
            });
        }
    }

    @Test
    void aBulkReplaysProgressIsNotBroadcastToTheOthersWhoReadItsQueue() throws Exception {
        String support = token("support");
        String finance = token("finance");
        String failureId = Fixtures.earlyCallbacks(server, 1, true).get(0);
        try (SseClient starter = connect(support, "jobs"); SseClient other = connect(finance, "jobs")) {
            String job = api.postWithKey("/v1/replay-jobs", support, null, "{\"ids\":[\"" + failureId + "\"]}")
                    .json().get("id").asText();
            assertThat(jobIds(untilCompleted(starter, job))).contains(job);
            assertThat(jobIds(drain(other, Duration.ofSeconds(2)))).as("finance reads the payment queue too, but did"
                    + " not start the job").doesNotContain(job);
        }
    }
}
