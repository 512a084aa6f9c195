package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.CUSTOMER_ORDER;
import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Listing, filtering, counting and summarising failures, within the caller's queues; and what the seed holds. */
class FailureListTest {

    private static SandboxServer server;
    private static Api api;
    private static String admin;
    private static String support;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withSeed(21));
        api = new Api(server);
        admin = api.token(TestSandboxes.demo(server, "admin"));
        support = api.token(TestSandboxes.demo(server, "support"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every id the list returns for {@code query}, page by page. */
    private static List<String> all(String token, String query, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/v1/failures?limit=" + limit + (query.isEmpty() ? "" : "&" + query)
                    + (cursor == null ? "" : "&cursor=" + cursor);
            Api.Response r = api.get(path, token);
            assertThat(r.status()).as("%s: %s", path, r).isEqualTo(200);
            r.json().get("items").forEach(i -> ids.add(i.get("id").asText()));
            JsonNode next = r.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asText();
        } while (cursor != null);
        return ids;
    }

    /** The ids the database has for {@code condition}, newest first, as the list orders them. */
    private static List<String> expected(Condition condition) {
        return server.dsl().select(FAILURE.ID).from(FAILURE).where(condition)
                .orderBy(FAILURE.FIRST_SEEN_AT.desc(), FAILURE.ID.desc()).fetch(FAILURE.ID);
    }

    private static long count(String token, String query) {
        return api.get("/v1/failures/count?" + query, token).json().get("count").asLong();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void pagesAreNewestFirstWithoutGapsOrRepeats() {
        List<String> ids = all(admin, "", 37);
        assertThat(ids).doesNotHaveDuplicates().containsExactlyElementsOf(expected(DSL.trueCondition()));
        assertThat(count(admin, "")).isEqualTo(ids.size());
        // Filtered lists page just as well, whichever index serves them.
        assertThat(all(admin, "queue=PAYMENT_CALLBACK&status=OPEN", 9)).containsExactlyElementsOf(
                expected(FAILURE.QUEUE.eq("PAYMENT_CALLBACK").and(FAILURE.STATUS.eq("OPEN"))));
        assertThat(all(support, "reason=ORDER_NOT_FOUND", 4)).containsExactlyElementsOf(
                expected(FAILURE.REASON.eq("ORDER_NOT_FOUND")));
        assertThat(all(admin, "q=ORD-1001", 3)).containsExactlyElementsOf(
                expected(FAILURE.ORDER_NUMBER.startsWith("ORD-1001")));
        JsonNode page = api.get("/v1/failures?limit=5", admin).json();
        Instant previous = Instant.MAX;
        for (JsonNode item : page.get("items")) {
            Instant seen = Instant.parse(item.get("firstSeenAt").asText());
            assertThat(seen).isBeforeOrEqualTo(previous);
            previous = seen;
            assertThat(item.has("payload")).as("the list leaves the payload out").isFalse();
        }
    }

    @Test
    void eachFilterMatchesTheData() {
        Instant since = server.options().clock().instant().minus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant until = since.plus(2, ChronoUnit.HOURS);
        String order = server.dsl().select(FAILURE.ORDER_NUMBER).from(FAILURE)
                .where(FAILURE.ORDER_NUMBER.isNotNull()).orderBy(FAILURE.ID).limit(1).fetchSingle(FAILURE.ORDER_NUMBER);
        String reference = server.dsl().select(FAILURE.PAYMENT_REFERENCE).from(FAILURE)
                .where(FAILURE.PAYMENT_REFERENCE.like("pi\\_%")).orderBy(FAILURE.ID).limit(1)
                .fetchSingle(FAILURE.PAYMENT_REFERENCE);
        String event = server.dsl().select(FAILURE.EVENT_ID).from(FAILURE).where(FAILURE.EVENT_ID.isNotNull())
                .orderBy(FAILURE.ID.desc()).limit(1).fetchSingle(FAILURE.EVENT_ID);
        Map<String, Condition> cases = new java.util.LinkedHashMap<>();
        cases.put("queue=INVENTORY_SYNC", FAILURE.QUEUE.eq("INVENTORY_SYNC"));
        cases.put("status=DEAD", FAILURE.STATUS.eq("DEAD"));
        cases.put("status=" + encode("OPEN,RESOLVED"), FAILURE.STATUS.in("OPEN", "RESOLVED"));
        cases.put("queue=PAYMENT_CALLBACK&status=OPEN", FAILURE.QUEUE.eq("PAYMENT_CALLBACK")
                .and(FAILURE.STATUS.eq("OPEN")));
        cases.put("reason=ORDER_NOT_FOUND", FAILURE.REASON.eq("ORDER_NOT_FOUND"));
        cases.put("reason=ERP_REJECTED&queue=FULFILLMENT_EXPORT", FAILURE.REASON.eq("ERP_REJECTED")
                .and(FAILURE.QUEUE.eq("FULFILLMENT_EXPORT")));
        cases.put("provider=adyen", FAILURE.PROVIDER.eq("adyen"));
        cases.put("assignee=ops", FAILURE.ASSIGNEE.eq("ops"));
        cases.put("assignee=none&queue=PAYMENT_CALLBACK", FAILURE.ASSIGNEE.isNull()
                .and(FAILURE.QUEUE.eq("PAYMENT_CALLBACK")));
        cases.put("since=" + since + "&until=" + until, FAILURE.FIRST_SEEN_AT.ge(utc(since))
                .and(FAILURE.FIRST_SEEN_AT.lt(utc(until))));
        String orderPrefix = order.substring(0, order.length() - 1);
        cases.put("q=" + orderPrefix.toLowerCase(), FAILURE.ORDER_NUMBER.startsWith(orderPrefix));
        cases.put("q=" + reference.substring(0, 8), FAILURE.PAYMENT_REFERENCE.startsWith(reference.substring(0, 8)));
        cases.put("q=" + event, FAILURE.EVENT_ID.eq(event));
        cases.put("q=F-000012", FAILURE.ID.startsWith("F-000012"));
        for (Map.Entry<String, Condition> c : cases.entrySet()) {
            List<String> want = expected(c.getValue());
            assertThat(want).as("the seed has data for %s", c.getKey()).isNotEmpty();
            assertThat(all(admin, c.getKey(), 500)).as(c.getKey()).containsExactlyElementsOf(want);
            assertThat(count(admin, c.getKey())).as("count " + c.getKey()).isEqualTo(want.size());
        }
        String ops = api.token(TestSandboxes.demo(server, "ops"));
        assertThat(all(ops, "assignee=me", 500)).containsExactlyElementsOf(expected(FAILURE.ASSIGNEE.eq("ops")));
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    @Test
    void supportNeverSeesTheInventoryOrFulfillmentQueues() {
        List<String> ids = all(support, "", 500);
        assertThat(ids).containsExactlyElementsOf(expected(FAILURE.QUEUE.eq("PAYMENT_CALLBACK")));
        assertThat(all(support, "queue=INVENTORY_SYNC", 50)).isEmpty();
        assertThat(count(support, "queue=FULFILLMENT_EXPORT")).isZero();
        assertThat(count(support, "")).isEqualTo(ids.size());
        String inventory = Fixtures.seededOne(server, "INVENTORY_SYNC", "OPEN");
        assertThat(all(support, "q=" + inventory, 50)).isEmpty();
        Api.Response r = api.get("/v1/failures/" + inventory, support);
        assertThat(r.status()).isEqualTo(403);
        JsonNode summary = api.get("/v1/failures/summary", support).json();
        assertThat(summary.get("queues")).hasSize(1);
        assertThat(summary.at("/queues/0/queue").asText()).isEqualTo("PAYMENT_CALLBACK");
        assertThat(summary.at("/hourly/0/counts").size()).isEqualTo(1);
    }

    @Test
    void everySortOrderPagesThroughAllMatchesWithoutGapsOrRepeats() {
        Map<String, List<org.jooq.SortField<?>>> orders = new java.util.LinkedHashMap<>();
        org.jooq.Field<OffsetDateTime> last = DSL.coalesce(FAILURE.LAST_ATTEMPT_AT, FAILURE.FIRST_SEEN_AT);
        orders.put("firstSeenAt", List.of(FAILURE.FIRST_SEEN_AT.asc(), FAILURE.ID.asc()));
        orders.put("-attempts", List.of(FAILURE.ATTEMPT_COUNT.desc(), FAILURE.ID.desc()));
        orders.put("attempts", List.of(FAILURE.ATTEMPT_COUNT.asc(), FAILURE.ID.asc()));
        orders.put("-lastAttemptAt", List.of(last.desc(), FAILURE.ID.desc()));
        Condition payments = FAILURE.QUEUE.eq("PAYMENT_CALLBACK").and(FAILURE.STATUS.eq("OPEN"));
        for (Map.Entry<String, List<org.jooq.SortField<?>>> o : orders.entrySet()) {
            List<String> want = server.dsl().select(FAILURE.ID).from(FAILURE).orderBy(o.getValue()).fetch(FAILURE.ID);
            assertThat(all(admin, "sort=" + o.getKey(), 41)).as(o.getKey()).containsExactlyElementsOf(want);
            List<String> filtered = server.dsl().select(FAILURE.ID).from(FAILURE).where(payments)
                    .orderBy(o.getValue()).fetch(FAILURE.ID);
            assertThat(all(admin, "sort=" + o.getKey() + "&queue=PAYMENT_CALLBACK&status=OPEN", 13))
                    .as(o.getKey() + " filtered").containsExactlyElementsOf(filtered);
        }
        for (boolean descending : List.of(false, true)) {
            String sort = descending ? "-amount" : "amount";
            assertThat(all(admin, "sort=" + sort, 41)).as(sort).containsExactlyElementsOf(byAmount(DSL.noCondition(),
                    descending));
            assertThat(all(admin, "sort=" + sort + "&queue=PAYMENT_CALLBACK&status=OPEN", 13)).as(sort + " filtered")
                    .containsExactlyElementsOf(byAmount(payments, descending));
        }
        String prefix = server.dsl().select(FAILURE.ORDER_NUMBER).from(FAILURE).where(FAILURE.ORDER_NUMBER.isNotNull())
                .orderBy(FAILURE.ID).limit(1).fetchSingle(FAILURE.ORDER_NUMBER).substring(0, 6);
        List<String> byText = byAmount(FAILURE.ORDER_NUMBER.startsWith(prefix), true);
        assertThat(byText).hasSizeGreaterThan(3);
        assertThat(all(admin, "sort=-amount&q=" + prefix, 3)).containsExactlyElementsOf(byText);
    }

    /**
     * The amount order, worked out here: within a currency (currencies A to Z), by amount in the direction asked,
     * ties by id in that direction; failures without an amount or currency last either way.
     */
    private static List<String> byAmount(Condition where, boolean descending) {
        record Row(String id, String currency, Long amount) {
        }
        List<Row> rows = new java.util.ArrayList<>(server.dsl().select(FAILURE.ID, FAILURE.CURRENCY, FAILURE.AMOUNT_MINOR)
                .from(FAILURE).where(where).fetch(r -> new Row(r.value1(), r.value2(), r.value3())));
        java.util.Comparator<Row> amount = java.util.Comparator.comparing(Row::amount);
        java.util.Comparator<Row> id = java.util.Comparator.comparing(Row::id);
        rows.sort(java.util.Comparator.<Row, Boolean>comparing(r -> r.currency() == null || r.amount() == null)
                .thenComparing(r -> r.currency() == null || r.amount() == null ? "" : r.currency())
                .thenComparing((a, b) -> a.amount() == null || b.amount() == null ? 0
                        : descending ? Long.compare(b.amount(), a.amount()) : Long.compare(a.amount(), b.amount()))
                .thenComparing(descending ? id.reversed() : id));
        return rows.stream().map(Row::id).toList();
    }

    @Test
    void amountsAreSortedWithinACurrencyAndFailuresWithoutAnAmountComeLast() {
        for (boolean descending : List.of(false, true)) {
            JsonNode page = api.get("/v1/failures?limit=500&sort=" + (descending ? "-amount" : "amount"), admin).json();
            List<JsonNode> items = new java.util.ArrayList<>();
            page.get("items").forEach(items::add);
            boolean seenNoAmount = false;
            String currency = null;
            long previous = 0;
            for (JsonNode f : items) {
                JsonNode amount = f.get("amount");
                if (amount == null || amount.isNull()) {
                    seenNoAmount = true;
                    continue;
                }
                assertThat(seenNoAmount).as("an amount after one without (%s)", descending).isFalse();
                String c = amount.get("currency").asText();
                long minor = amount.get("amountMinor").asLong();
                if (c.equals(currency)) {
                    assertThat(descending ? minor <= previous : minor >= previous).as("%s within %s", minor, c).isTrue();
                } else if (currency != null) {
                    assertThat(c).as("currencies in order").isGreaterThan(currency);
                }
                currency = c;
                previous = minor;
            }
        }
    }

    @Test
    void aCursorOnlyContinuesTheSortItWasHandedOutWith() {
        JsonNode first = api.get("/v1/failures?limit=5&sort=-attempts", admin).json();
        String cursor = first.get("nextCursor").asText();
        Api.Response other = api.get("/v1/failures?limit=5&sort=amount&cursor=" + cursor, admin);
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().at("/errors/0/field").asText()).isEqualTo("cursor");
        assertThat(other.json().at("/errors/0/message").asText()).contains("another sort order");
        Api.Response bad = api.get("/v1/failures?sort=size", admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("sort");
    }

    @Test
    void badFiltersAreValidationProblemsNamingTheField() {
        Map<String, String> bad = Map.of(
                "queue=NOPE", "queue",
                "status=OPEN,NOPE", "status",
                "reason=BROKEN", "reason",
                "since=yesterday", "since",
                "q=" + "x".repeat(101), "q",
                "limit=501", "limit",
                "cursor=bm90LW91cnM", "cursor");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            Api.Response r = api.get("/v1/failures?" + b.getKey(), admin);
            assertThat(r.status()).as(b.getKey()).isEqualTo(400);
            assertThat(r.json().at("/errors/0/field").asText()).as(b.getKey()).isEqualTo(b.getValue());
        }
        assertThat(api.get("/v1/failures/count?status=NOPE", admin).status()).isEqualTo(400);
    }

    @Test
    void theSummaryMatchesTheData() {
        Instant now = server.options().clock().instant();
        JsonNode summary = api.get("/v1/failures/summary", admin).json();
        Map<String, Map<String, Integer>> byStatus = new HashMap<>();
        server.dsl().select(FAILURE.QUEUE, FAILURE.STATUS, DSL.count()).from(FAILURE)
                .groupBy(FAILURE.QUEUE, FAILURE.STATUS)
                .forEach(r -> byStatus.computeIfAbsent(r.value1(), q -> new HashMap<>()).put(r.value2(), r.value3()));
        assertThat(summary.get("queues")).hasSize(3);
        for (JsonNode q : summary.get("queues")) {
            String queue = q.get("queue").asText();
            Map<String, Integer> counts = byStatus.get(queue);
            for (String status : List.of("OPEN", "REPLAYING", "RESOLVED", "DISMISSED", "DEAD")) {
                assertThat(q.at("/byStatus/" + status).asInt()).as(queue + " " + status)
                        .isEqualTo(counts.getOrDefault(status, 0));
            }
            assertThat(q.get("open").asInt()).isEqualTo(counts.getOrDefault("OPEN", 0)
                    + counts.getOrDefault("REPLAYING", 0));
            assertThat(q.get("open").asLong()).isEqualTo(count(admin, "queue=" + queue + "&status=OPEN,REPLAYING"));
            assertThat(q.get("newLastHour").asInt()).isEqualTo(server.dsl().fetchCount(FAILURE,
                    FAILURE.QUEUE.eq(queue).and(FAILURE.FIRST_SEEN_AT.ge(utc(now.minus(1, ChronoUnit.HOURS))))));
        }
        JsonNode hourly = summary.get("hourly");
        assertThat(hourly).hasSize(24);
        Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(23, ChronoUnit.HOURS);
        assertThat(Instant.parse(hourly.get(0).get("hour").asText())).isEqualTo(first);
        assertThat(Instant.parse(hourly.get(23).get("hour").asText())).isEqualTo(now.truncatedTo(ChronoUnit.HOURS));
        for (String queue : List.of("PAYMENT_CALLBACK", "INVENTORY_SYNC", "FULFILLMENT_EXPORT")) {
            for (int h = 0; h < 24; h++) {
                Instant from = first.plus(h, ChronoUnit.HOURS);
                int want = server.dsl().fetchCount(FAILURE, FAILURE.QUEUE.eq(queue)
                        .and(FAILURE.FIRST_SEEN_AT.ge(utc(from))).and(FAILURE.FIRST_SEEN_AT.lt(utc(from.plus(1,
                                ChronoUnit.HOURS)))));
                assertThat(hourly.get(h).at("/counts/" + queue).asInt()).as(queue + " hour " + h).isEqualTo(want);
            }
        }
    }

    @Test
    void theSmallSeedHasEveryStatusAndReasonAndSomethingForEveryLesson() {
        Map<String, Set<String>> reasons = new HashMap<>();
        Set<String> statuses = new TreeSet<>();
        server.dsl().select(FAILURE.QUEUE, FAILURE.REASON, FAILURE.STATUS).from(FAILURE).forEach(r -> {
            reasons.computeIfAbsent(r.value1(), q -> new TreeSet<>()).add(r.value2());
            statuses.add(r.value3());
        });
        assertThat(server.dsl().fetchCount(FAILURE)).isBetween(280, 320);
        assertThat(server.dsl().fetchCount(CUSTOMER_ORDER)).isBetween(450, 550);
        assertThat(statuses).contains("OPEN", "RESOLVED", "DISMISSED", "DEAD");
        assertThat(reasons.get("PAYMENT_CALLBACK")).contains("SIGNATURE_INVALID", "TIMESTAMP_OUT_OF_TOLERANCE",
                "ORDER_NOT_FOUND", "AMOUNT_MISMATCH", "DOWNSTREAM_TIMEOUT", "SCHEMA_INVALID");
        assertThat(reasons.get("INVENTORY_SYNC")).containsExactlyInAnyOrder("ERP_REJECTED", "WMS_UNAVAILABLE",
                "UNKNOWN_SKU", "DOWNSTREAM_TIMEOUT");
        assertThat(reasons.get("FULFILLMENT_EXPORT")).containsExactlyInAnyOrder("ERP_REJECTED", "CARRIER_REJECTED",
                "SCHEMA_INVALID");
        assertThat(server.dsl().fetchCount(FAILURE, FAILURE.STATUS.eq("DEAD"))).isBetween(5, 40);
        Instant day = server.options().clock().instant().minus(1, ChronoUnit.DAYS);
        assertThat(server.dsl().fetchCount(FAILURE, FAILURE.FIRST_SEEN_AT.lt(utc(day)))).as("last 24 h").isZero();
        // Callbacks that overtook their order, whose order exists now: a replay succeeds.
        List<String> nowExisting = server.dsl().select(FAILURE.ID).from(FAILURE)
                .join(CUSTOMER_ORDER).on(CUSTOMER_ORDER.ORDER_NUMBER.eq(FAILURE.ORDER_NUMBER))
                .where(FAILURE.REASON.eq("ORDER_NOT_FOUND")).and(FAILURE.STATUS.eq("OPEN"))
                .fetch(FAILURE.ID);
        assertThat(nowExisting).hasSizeBetween(3, 20);
        JsonNode preview = api.post("/v1/failures/replay-preview", support, "{\"ids\":" + Fixtures.idsJson(nowExisting)
                + "}").json();
        assertThat(preview.at("/byEffect/CAPTURE_PAYMENT").asInt()).isEqualTo(nowExisting.size());
        // Every payload names its order, and no stored header carries a signature.
        assertThat(server.dsl().fetchCount(FAILURE, FAILURE.HEADERS.likeRegex("v1,[A-Za-z0-9+/=]{20,}"))).isZero();
        assertThat(api.get("/v1/replay-jobs/J-000001", admin).json().get("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void theSameSeedGivesTheSameFailures() {
        // The seed is laid out relative to "now" (sync run ids carry the hour), so both servers get the same clock.
        java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2026-11-21T00:59:59.500Z"), ZoneOffset.UTC);
        SandboxOptions options = SandboxOptions.defaults().withPort(0).withSeed(21).withClock(clock);
        try (SandboxServer one = SandboxServer.start(options); SandboxServer twin = SandboxServer.start(options)) {
            var fields = List.of(FAILURE.ID, FAILURE.QUEUE, FAILURE.STATUS, FAILURE.REASON, FAILURE.ORDER_NUMBER,
                    FAILURE.PAYMENT_REFERENCE, FAILURE.EVENT_ID, FAILURE.SKU, FAILURE.AMOUNT_MINOR, FAILURE.PAYLOAD,
                    FAILURE.FIRST_SEEN_AT);
            var mine = one.dsl().select(fields).from(FAILURE).orderBy(FAILURE.ID).fetch().intoArrays();
            var theirs = twin.dsl().select(fields).from(FAILURE).orderBy(FAILURE.ID).fetch().intoArrays();
            assertThat(mine.length).isGreaterThan(100);
            assertThat(theirs).isDeepEqualTo(mine);
        }
    }
}
