package dev.opsdesk.sandbox.seed;

import dev.opsdesk.sandbox.Scale;
import dev.opsdesk.sandbox.auth.RoleName;
import dev.opsdesk.sandbox.db.Sequences;
import dev.opsdesk.sandbox.failures.FailureStore;
import dev.opsdesk.sandbox.generate.InventoryData;
import dev.opsdesk.sandbox.generate.PaymentData;
import dev.opsdesk.sandbox.webhooks.StandardWebhooks;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;

/**
 * The demo orders, payments and failure queues: realistic amounts in EUR, GBP and USD, payment callbacks from three
 * providers that failed for every reason (some now fixable by a replay, some not, some quarantined), inventory syncs
 * and fulfillment exports that were rejected, with attempts, assignees, notes and one finished bulk replay. Every
 * value is derived from the seed; times are relative to the moment of seeding.
 */
public final class FailureSeeder {

    /** Sizes of one scale. */
    record Size(int orders, int paymentFailures, int inventoryFailures, int fulfillmentFailures, Duration window) {
        int failures() {
            return paymentFailures + inventoryFailures + fulfillmentFailures;
        }
    }

    static Size size(Scale scale) {
        return switch (scale) {
            case SMALL -> new Size(500, 150, 90, 60, Duration.ofHours(24));
            case LARGE -> new Size(250_000, 90_000, 70_000, 45_000, Duration.ofDays(7));
        };
    }

    /** What a seeded payment failure is, which fixes the state its order has to be in. */
    private enum PaymentCase {
        /** Open; the payment service timed out; the order waits for payment: a replay captures (mostly). */
        TIMEOUT_CAPTURABLE(24),
        /** Open; the callback overtook the checkout, and the order exists now: a replay captures. */
        ORDER_NOW_EXISTS(8),
        /** Open; the order still does not exist: a replay fails again. */
        ORDER_STILL_MISSING(8),
        /** Open; the callback's amount differs from the order's: a replay fails again. */
        AMOUNT_MISMATCH(9),
        /** Open; malformed envelope: a replay fails again. */
        SCHEMA_INVALID(5),
        /** Open; timed out, but a later delivery captured the payment: a replay is skipped (already paid). */
        ALREADY_PAID(5),
        /** Open; a 'payment.failed' that timed out: a replay marks the payment failed. */
        FAILED_NOTICE(3),
        /** Open; a 'refund.succeeded' that timed out: a replay records the refund. */
        REFUND(3),
        /** Open; the provider delivered the same payment twice and both timed out: one replay captures, one skips. */
        DUPLICATE_DELIVERY(2),
        /** Quarantined: signature did not verify. */
        BAD_SIGNATURE(8),
        /** Quarantined: timestamp out of tolerance. */
        STALE_TIMESTAMP(5),
        /** Resolved by a replay that captured. */
        RESOLVED_BY_REPLAY(14),
        /** Resolved by hand (captured in the provider's dashboard). */
        RESOLVED_BY_HAND(4),
        /** Dismissed (a duplicate or a test order). */
        DISMISSED(4);

        final int weight;

        PaymentCase(int weight) {
            this.weight = weight;
        }
    }

    private static final long[] PRICES = {1999, 4250, 899, 2499, 5900, 12999, 3450, 7999, 1500, 2990, 6450, 9900,
            1250, 17900, 3999};
    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "EUR", "GBP", "GBP", "USD", "USD"};
    private static final String[] PROVIDERS = {"stripe", "stripe", "stripe", "adyen", "adyen", "paypal"};
    private static final String[] FIRST = {"anna", "lukas", "sophie", "jonas", "marie", "daan", "sanne", "niamh",
            "cian", "zofia", "jakub", "emma", "noah", "mia", "elias", "amira", "chloe", "ingrid", "tomas", "greta"};
    private static final String[] LAST = {"muller", "schmidt", "weber", "dejong", "jansen", "bakker", "murphy", "kelly",
            "walsh", "nowak", "kowalski", "rossi", "garcia", "novak", "lindqvist", "dubois", "andersen", "byrne"};
    private static final String[] CARRIERS = {"DHL", "DPD", "UPS", "PostNL", "An Post", "GLS"};
    private static final String[] COUNTRIES = {"DE", "NL", "IE", "PL", "FR", "BE", "AT"};
    private static final String[] PAYMENT_NOTES = {
            "Customer called, says the card was charged. Checking with the PSP.",
            "PSP dashboard shows the payment as succeeded.",
            "Waiting for the order service to catch up before replaying.",
            "Amount differs by the shipping fee; asked finance.",
            "Looks like a test callback from the provider's sandbox."};
    private static final String[] OPS_NOTES = {
            "ERP locked for the stock-take until 14:00.",
            "WMS team restarted the connector.",
            "SKU is new this season; ERP master data pending.",
            "Carrier changed its postcode validation last night.",
            "Retry after the ERP batch window."};

    private final Random random;
    private final PaymentData data;
    private final Instant now;
    private final Size size;
    private final List<String> supportActors;
    private final List<String> opsActors;
    private final String opsUserId;
    private OrderSeed lastCapturable;
    private final Set<String> references = new HashSet<>();
    private final Map<String, Integer> emails = new java.util.HashMap<>();

    private final List<OrderSeed> orders = new ArrayList<>();
    private final List<FailureSeed> failures = new ArrayList<>();

    private final Scale scale;

    private FailureSeeder(long seed, Instant now, Scale scale, List<Seeder.SeedUser> users) {
        this.random = new Random(seed * 31 + 7);
        this.data = new PaymentData(random);
        this.now = now;
        this.size = size(scale);
        this.scale = scale;
        this.supportActors = usernames(users, RoleName.SUPPORT);
        this.opsActors = usernames(users, RoleName.OPS);
        this.opsUserId = users.stream().filter(u -> u.role() == RoleName.OPS).findFirst().orElseThrow().id();
    }

    private static List<String> usernames(List<Seeder.SeedUser> users, RoleName role) {
        // The demo user of the role comes first and is picked most often.
        List<String> names = new ArrayList<>();
        users.stream().filter(u -> u.role() == role).forEach(u -> names.add(u.username()));
        return names;
    }

    /** Seeds orders, payments and failures into an empty database; returns how many failures. */
    public static int seed(DSLContext dsl, long seed, Instant now, Scale scale, List<Seeder.SeedUser> users) {
        FailureSeeder seeder = new FailureSeeder(seed, now, scale, users);
        seeder.plan();
        return seeder.insert(dsl);
    }

    // --- plan ---

    private static final class OrderSeed {
        String number;
        Instant createdAt;
        String currency;
        long total;
        String email;
        String provider;
        String reference;
        String status;          // order status
        String paymentState;    // payment state
        Instant capturedAt;
        String captureSource;
        boolean exists = true;
    }

    private static final class FailureSeed {
        String queue;
        String status;
        String reason;
        String message;
        String provider;
        String eventId;
        String eventType;
        OrderSeed order;
        String orderNumber;
        String paymentReference;
        String sku;
        String warehouse;
        Long amount;
        String currency;
        String payload;
        Map<String, String> headers = new LinkedHashMap<>();
        Instant firstSeen;
        List<AttemptSeed> attempts = new ArrayList<>();
        String assignee;
        String resolvedBy;
        Instant resolvedAt;
        String resolutionCode;
        String resolutionNote;
        List<String[]> notes = new ArrayList<>();   // author, text
        int statusCode;
        String actor;
        // filled when built
        String id;
        PaymentCase paymentCase;
    }

    /** An attempt after the arrival (which is attempt 1). */
    private static final class AttemptSeed {
        int number;
        Instant at;
        String trigger;
        String actor;
        String outcome;
        String effect;
        int statusCode;
        String error;
        int durationMs;
        String jobId;
    }

    private void plan() {
        // Failure times first (orders follow the failures that need them), newest clustered: a sale is on.
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < size.failures(); i++) {
            double r = Math.pow(random.nextDouble(), 1.4);
            times.add(now.minusMillis((long) (r * size.window().toMillis())).minusSeconds(5));
        }
        List<PaymentCase> cases = spread(size.paymentFailures());
        List<String> queues = new ArrayList<>();
        cases.forEach(c -> queues.add("PAYMENT_CALLBACK"));
        for (int i = 0; i < size.inventoryFailures(); i++) {
            queues.add("INVENTORY_SYNC");
        }
        for (int i = 0; i < size.fulfillmentFailures(); i++) {
            queues.add("FULFILLMENT_EXPORT");
        }
        Collections.shuffle(queues, random);
        int nextCase = 0;
        for (int i = 0; i < queues.size(); i++) {
            FailureSeed f = new FailureSeed();
            f.queue = queues.get(i);
            f.firstSeen = times.get(i).truncatedTo(ChronoUnit.MILLIS);
            if (f.queue.equals("PAYMENT_CALLBACK")) {
                f.paymentCase = cases.get(nextCase++);
                planPaymentOrder(f);
            }
            failures.add(f);
        }
        // Orders nobody's failure needs, over the window and the week before.
        int others = Math.max(0, size.orders() - orders.size());
        for (int i = 0; i < others; i++) {
            OrderSeed o = newOrder(now.minusMillis((long) (random.nextDouble()
                    * size.window().plusDays(7).toMillis())).minusSeconds(60));
            int r = random.nextInt(100);
            if (r < 72) {
                paid(o, later(o.createdAt, 2, 62), "webhook");
            } else if (r < 80) {
                o.status = "PENDING_PAYMENT";
                o.paymentState = "AUTHORIZED";
            } else if (r < 87) {
                o.status = "PAYMENT_FAILED";
                o.paymentState = "FAILED";
            } else if (r < 93) {
                paid(o, later(o.createdAt, 2, 62), "webhook");
                o.status = "REFUNDED";
                o.paymentState = "REFUNDED";
            } else {
                o.status = "CANCELLED";
                o.paymentState = "FAILED";
            }
        }
        // Order numbers follow creation time, as a shop's do.
        List<OrderSeed> existing = new ArrayList<>(orders.stream().filter(o -> o.exists).toList());
        existing.sort(Comparator.comparing((OrderSeed o) -> o.createdAt));
        for (int i = 0; i < existing.size(); i++) {
            existing.get(i).number = "ORD-" + (100_001 + i);
        }
        Set<String> missing = new HashSet<>();
        for (OrderSeed o : orders) {
            if (!o.exists) {
                String n;
                do {
                    n = "ORD-" + (900_000 + random.nextInt(99_999));
                } while (!missing.add(n));
                o.number = n;
            }
        }
        // Failures sorted by time get ascending ids; then their content.
        failures.sort(Comparator.comparing((FailureSeed f) -> f.firstSeen));
        List<OrderSeed> paidOrders = existing.stream().filter(o -> o.status.equals("PAID")).toList();
        // The SKUs whose syncs fail again and again, from the inventory seed's catalogue (seeded after this one, so
        // derived as it derives them): every failure's detail, link and replay lead to a pair that exists.
        List<String> skus = new ArrayList<>();
        int catalogue = Math.max(200, size.inventoryFailures() / 20);
        for (int i = 0; i < catalogue; i++) {
            skus.add(InventoryData.sku(random.nextInt(InventorySeeder.skuCount(scale))));
        }
        List<String> warehouses = InventorySeeder.warehouses(scale).stream().map(Seeder.SeedWarehouse::code).toList();
        for (int i = 0; i < failures.size(); i++) {
            FailureSeed f = failures.get(i);
            f.id = FailureStore.failureId(i + 1);
            switch (f.queue) {
                case "PAYMENT_CALLBACK" -> buildPayment(f);
                case "INVENTORY_SYNC" -> buildInventory(f, skus, warehouses);
                default -> buildFulfillment(f, paidOrders);
            }
        }
    }

    /** Exact counts per case (at least one of each), shuffled. */
    private List<PaymentCase> spread(int n) {
        int totalWeight = 0;
        for (PaymentCase c : PaymentCase.values()) {
            totalWeight += c.weight;
        }
        List<PaymentCase> list = new ArrayList<>();
        for (PaymentCase c : PaymentCase.values()) {
            int count = Math.max(1, (int) Math.round((double) n * c.weight / totalWeight));
            for (int i = 0; i < count; i++) {
                list.add(c);
            }
        }
        while (list.size() > n) {
            list.remove(list.indexOf(PaymentCase.TIMEOUT_CAPTURABLE));
        }
        while (list.size() < n) {
            list.add(PaymentCase.TIMEOUT_CAPTURABLE);
        }
        Collections.shuffle(list, random);
        return list;
    }

    private OrderSeed newOrder(Instant createdAt) {
        OrderSeed o = new OrderSeed();
        o.createdAt = (createdAt.isAfter(now) ? now : createdAt).truncatedTo(ChronoUnit.SECONDS);
        o.currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        int items = 1 + random.nextInt(3);
        for (int i = 0; i < items; i++) {
            o.total += PRICES[random.nextInt(PRICES.length)];
        }
        o.email = email();
        o.provider = PROVIDERS[random.nextInt(PROVIDERS.length)];
        o.reference = reference(o.provider);
        orders.add(o);
        return o;
    }

    private void paid(OrderSeed o, Instant at, String source) {
        o.status = "PAID";
        o.paymentState = "CAPTURED";
        o.capturedAt = (at.isAfter(now) ? now : at).truncatedTo(ChronoUnit.SECONDS);
        o.captureSource = source;
    }

    /** Gives a payment failure the order its case needs, in the state its case needs. */
    private void planPaymentOrder(FailureSeed f) {
        Instant before = f.firstSeen.minusSeconds(20 + random.nextInt(1800));
        OrderSeed o;
        switch (f.paymentCase) {
            case ORDER_NOW_EXISTS -> {
                o = newOrder(later(f.firstSeen, 3, 240));
                o.status = "PENDING_PAYMENT";
                o.paymentState = "AUTHORIZED";
            }
            case ORDER_STILL_MISSING -> {
                o = newOrder(before);
                o.exists = false;
            }
            case ALREADY_PAID -> {
                o = newOrder(before);
                paid(o, later(f.firstSeen, 60, 660), "webhook");
            }
            case DUPLICATE_DELIVERY -> {
                if (lastCapturable != null) {
                    o = lastCapturable;
                    lastCapturable = null;
                } else {
                    o = newOrder(before);
                    o.status = "PENDING_PAYMENT";
                    o.paymentState = "AUTHORIZED";
                }
            }
            case TIMEOUT_CAPTURABLE -> {
                o = newOrder(before);
                o.status = "PENDING_PAYMENT";
                o.paymentState = "AUTHORIZED";
                lastCapturable = o;
            }
            case REFUND -> {
                o = newOrder(before.minus(Duration.ofDays(2)));
                paid(o, before.minus(Duration.ofDays(2)).plusSeconds(30), "webhook");
            }
            case RESOLVED_BY_REPLAY, RESOLVED_BY_HAND -> {
                o = newOrder(before);
                paid(o, later(f.firstSeen, 120, 3720), "replay");
            }
            case BAD_SIGNATURE, STALE_TIMESTAMP, SCHEMA_INVALID, DISMISSED -> {
                o = newOrder(before);
                if (random.nextBoolean()) {
                    paid(o, before.plusSeconds(30), "webhook");
                } else {
                    o.status = "PENDING_PAYMENT";
                    o.paymentState = "AUTHORIZED";
                }
            }
            default -> {
                o = newOrder(before);
                o.status = "PENDING_PAYMENT";
                o.paymentState = "AUTHORIZED";
            }
        }
        f.order = o;
    }

    // --- payment failures ---

    private void buildPayment(FailureSeed f) {
        OrderSeed o = f.order;
        f.provider = o.provider;
        f.eventId = data.webhookId();
        f.eventType = switch (f.paymentCase) {
            case FAILED_NOTICE -> "payment.failed";
            case REFUND -> "refund.succeeded";
            default -> "payment.succeeded";
        };
        f.orderNumber = o.number;
        f.paymentReference = o.reference;
        f.currency = o.currency;
        f.amount = o.total;
        if (f.paymentCase == PaymentCase.AMOUNT_MISMATCH) {
            f.amount = o.total + (random.nextBoolean() ? 495 : -500);
            if (f.amount <= 0) {
                f.amount = o.total + 1000;
            }
        }
        if (f.paymentCase == PaymentCase.SCHEMA_INVALID) {
            f.payload = switch (random.nextInt(3)) {
                case 0 -> "{\"type\":\"" + f.eventType + "\",\"data\":{\"orderNumber\":\"" + o.number
                        + "\",\"paymentReference\":\"" + o.reference + "\",\"amount\":\"" + money(f.amount)
                        + "\",\"currency\":\"" + f.currency + "\"}}";
                case 1 -> PaymentData.paymentEvent("charge.updated", o.number, o.reference, f.amount, f.currency);
                default -> "{\"type\":\"" + f.eventType + "\",\"data\":{\"order\":\"" + o.number
                        + "\",\"amount\":" + f.amount + ",\"currency\":\"" + f.currency.toLowerCase(Locale.ROOT)
                        + "\"}}";
            };
            if (f.payload.contains("charge.updated")) {
                f.eventType = "charge.updated";
            } else if (f.payload.contains("\"order\"")) {
                f.paymentReference = null;
                f.currency = null;
            } else {
                f.amount = null;
            }
        } else {
            f.payload = PaymentData.paymentEvent(f.eventType, o.number, o.reference, f.amount, f.currency);
        }
        long ts = f.firstSeen.getEpochSecond();
        if (f.paymentCase == PaymentCase.STALE_TIMESTAMP) {
            ts -= 360 + random.nextInt(3000);
        }
        f.headers.put("content-type", "application/json");
        f.headers.put("user-agent", switch (f.provider) {
            case "stripe" -> "Stripe/1.0 (+https://stripe.com/docs/webhooks)";
            case "adyen" -> "Adyen HttpClient 1.0";
            default -> "PayPal/AUHD-214.0-58830370";
        });
        f.headers.put(StandardWebhooks.ID_HEADER, f.eventId);
        f.headers.put(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(ts));
        f.headers.put(StandardWebhooks.SIGNATURE_HEADER, random.nextInt(5) == 0 ? "v1,[redacted] v1,[redacted]"
                : "v1,[redacted]");
        f.actor = "system:webhook-intake";
        String support = pick(supportActors);
        switch (f.paymentCase) {
            case TIMEOUT_CAPTURABLE, DUPLICATE_DELIVERY, ALREADY_PAID, FAILED_NOTICE, REFUND -> open(f,
                    "DOWNSTREAM_TIMEOUT",
                    "The payment service did not answer within 10 s (simulated timeout); try the replay again later.",
                    504);
            case ORDER_NOW_EXISTS, ORDER_STILL_MISSING -> open(f, "ORDER_NOT_FOUND", "Order " + o.number
                    + " does not exist (yet): the callback may have overtaken the checkout. Replay it once the order"
                    + " exists.", 404);
            case AMOUNT_MISMATCH -> open(f, "AMOUNT_MISMATCH", "The callback says " + money(f.amount) + " "
                    + o.currency + " but order " + o.number + " totals " + money(o.total) + " " + o.currency + ".", 422);
            case SCHEMA_INVALID -> open(f, "SCHEMA_INVALID", "The event envelope is not valid: "
                    + (f.eventType.equals("charge.updated") ? "type 'charge.updated' is not one of payment.failed,"
                    + " payment.succeeded, refund.succeeded." : f.amount == null
                    ? "data.amount is missing or not a whole, non-negative number of minor units."
                    : "data.paymentReference is missing or longer than 64 characters; data.currency is missing or"
                    + " not a three-letter ISO code."), 400);
            case BAD_SIGNATURE -> {
                f.status = "DEAD";
                f.reason = "SIGNATURE_INVALID";
                f.message = "Quarantined: No signature matches this provider's secret (was the secret rotated on one"
                        + " side only?). The payload is not trusted and will not be replayed.";
                f.statusCode = 401;
            }
            case STALE_TIMESTAMP -> {
                f.status = "DEAD";
                f.reason = "TIMESTAMP_OUT_OF_TOLERANCE";
                f.message = "Quarantined: The webhook-timestamp is " + (f.firstSeen.getEpochSecond() - ts)
                        + " s in the past; at most 300 s are accepted. The payload is not trusted and will not be"
                        + " replayed.";
                f.statusCode = 401;
            }
            case RESOLVED_BY_REPLAY -> {
                boolean timeout = random.nextBoolean();
                open(f, timeout ? "DOWNSTREAM_TIMEOUT" : "ORDER_NOT_FOUND", timeout
                        ? "The payment service did not answer within 10 s (simulated timeout); try the replay again later."
                        : "Order " + o.number + " did not exist yet when the callback arrived.", timeout ? 504 : 404);
                Instant at = o.capturedAt;
                attempt(f, at, "MANUAL", support, "SUCCEEDED", "CAPTURE_PAYMENT", 200, null);
                o.captureSource = "replay:" + f.id + "#" + (f.attempts.size() + 1);
                resolve(f, "RESOLVED", support, at, "REPLAYED", "Captured " + money(f.amount) + " " + f.currency
                        + " for order " + o.number + " (payment " + o.reference + ").");
            }
            case RESOLVED_BY_HAND -> {
                open(f, "DOWNSTREAM_TIMEOUT", "The payment service did not answer within 10 s (simulated timeout);"
                        + " try the replay again later.", 504);
                o.captureSource = "manual:" + support;
                resolve(f, "RESOLVED", support, later(o.capturedAt, 5, 30), random.nextBoolean()
                        ? "FIXED_MANUALLY" : "CUSTOMER_CONTACTED", "Captured in the provider's dashboard.");
            }
            case DISMISSED -> {
                open(f, "SCHEMA_INVALID", "The event envelope is not valid: type 'charge.updated' is not one of"
                        + " payment.failed, payment.succeeded, refund.succeeded.", 400);
                f.eventType = "charge.updated";
                f.payload = f.payload.replace("\"type\":\"payment.succeeded\"", "\"type\":\"charge.updated\"");
                resolve(f, "DISMISSED", support, later(f.firstSeen, 600, 4200),
                        random.nextBoolean() ? "DUPLICATE" : "NOT_AN_ISSUE",
                        "Informational event from the provider; nothing to do.");
            }
            default -> throw new IllegalStateException();
        }
        if (f.status.equals("OPEN")) {
            if (f.paymentCase == PaymentCase.TIMEOUT_CAPTURABLE && random.nextInt(4) == 0) {
                // Someone tried once already; the payment service timed out again.
                attempt(f, later(f.firstSeen, 300, 1500), "MANUAL", support, "FAILED",
                        "FAIL_AGAIN", 504, f.message);
            }
            assignAndAnnotate(f, supportActors, PAYMENT_NOTES);
        }
    }

    // --- inventory and fulfillment failures ---

    private void buildInventory(FailureSeed f, List<String> skus, List<String> warehouses) {
        f.sku = skus.get(random.nextInt(skus.size()));
        f.warehouse = warehouses.get(random.nextInt(warehouses.size()));
        int r = random.nextInt(100);
        String run = "SR-" + f.firstSeen.toString().substring(0, 13).replaceAll("[^0-9]", "") + "-" + f.warehouse;
        int platform = 5 + random.nextInt(200);
        int erp = Math.max(0, platform - 3 + random.nextInt(7));
        f.payload = "{\"syncRun\":\"" + run + "\",\"sku\":\"" + f.sku + "\",\"warehouse\":\"" + f.warehouse
                + "\",\"target\":\"ERP\",\"onHand\":{\"platform\":" + platform + ",\"erp\":" + erp + ",\"wms\":"
                + platform + "}}";
        f.headers.put("content-type", "application/json");
        f.headers.put("x-sync-run", run);
        f.actor = "system:inventory-sync";
        if (r < 35) {
            open(f, "ERP_REJECTED", "The ERP rejected the stock update for SKU " + f.sku + " at " + f.warehouse
                    + ": quantity would go below zero (" + (erp - platform - 1) + ").", 422);
        } else if (r < 60) {
            open(f, "WMS_UNAVAILABLE", "The warehouse system at " + f.warehouse
                    + " did not accept connections (HTTP 503).", 503);
        } else if (r < 75) {
            open(f, "UNKNOWN_SKU", "The ERP does not know SKU " + f.sku + ".", 422);
        } else {
            open(f, "DOWNSTREAM_TIMEOUT", "The ERP did not answer within 30 s while syncing SKU " + f.sku + " at "
                    + f.warehouse + ".", 504);
        }
        finishOpsFailure(f, "SYNC_STOCK", "Synced the stock of SKU " + f.sku + " at " + f.warehouse + ".");
    }

    private void buildFulfillment(FailureSeed f, List<OrderSeed> paidOrders) {
        OrderSeed o = paidOrders.get(random.nextInt(paidOrders.size()));
        f.orderNumber = o.number;
        String carrier = CARRIERS[random.nextInt(CARRIERS.length)];
        String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        String postcode = Integer.toString(1000 + random.nextInt(9000));
        f.payload = "{\"orderNumber\":\"" + o.number + "\",\"carrier\":\"" + carrier + "\",\"parcels\":"
                + (1 + random.nextInt(2)) + ",\"address\":{\"country\":\"" + country + "\",\"postcode\":\""
                + postcode + "\"}}";
        f.headers.put("content-type", "application/json");
        f.headers.put("x-export-batch", "EX-" + f.firstSeen.getEpochSecond() / 900);
        f.actor = "system:fulfillment-export";
        int r = random.nextInt(100);
        if (r < 45) {
            open(f, "ERP_REJECTED", "The ERP rejected the shipment export for order " + o.number
                    + ": cost centre missing for " + country + ".", 422);
        } else if (r < 80) {
            open(f, "CARRIER_REJECTED", "Carrier " + carrier + " rejected the shipment for order " + o.number
                    + ": postcode '" + postcode + "' is not valid for " + country + ".", 422);
        } else {
            open(f, "SCHEMA_INVALID", "The shipment export for order " + o.number
                    + " does not match the ERP's schema: address.street is missing.", 400);
        }
        finishOpsFailure(f, "EXPORT_SHIPMENT", "Exported the shipment for order " + o.number + " to the ERP.");
    }

    /** Status, retries, resolution and annotations of an inventory or fulfillment failure. */
    private void finishOpsFailure(FailureSeed f, String effect, String succeeded) {
        int r = random.nextInt(100);
        String ops = pick(opsActors);
        int retries = random.nextInt(3);
        Instant t = f.firstSeen;
        for (int i = 0; i < retries; i++) {
            t = later(t, 60 << (i + 2), (60 << (i + 2)) + 30);
            attempt(f, t, "AUTOMATIC", f.actor, "FAILED", "FAIL_AGAIN", f.statusCode, f.message);
        }
        boolean fixable = !f.reason.equals("UNKNOWN_SKU") && !f.reason.equals("SCHEMA_INVALID");
        if (r < 28 && fixable) {
            Instant at = later(t, 300, 3900);
            boolean automatic = random.nextBoolean();
            String actor = automatic ? f.actor : ops;
            attempt(f, at, automatic ? "AUTOMATIC" : "MANUAL", actor, "SUCCEEDED", effect, 200, null);
            resolve(f, "RESOLVED", actor, at, "REPLAYED", succeeded);
        } else if (r < 38) {
            resolve(f, "DISMISSED", ops, later(t, 600, 4200),
                    random.nextBoolean() ? "WONT_FIX" : "FIXED_MANUALLY", f.reason.equals("UNKNOWN_SKU")
                            ? "Discontinued SKU; removed from the shop." : "Corrected directly in the ERP.");
        } else {
            assignAndAnnotate(f, opsActors, OPS_NOTES);
        }
    }

    private void open(FailureSeed f, String reason, String message, int statusCode) {
        f.status = "OPEN";
        f.reason = reason;
        f.message = message;
        f.statusCode = statusCode;
    }

    private void resolve(FailureSeed f, String status, String by, Instant at, String code, String note) {
        f.status = status;
        f.resolvedBy = by;
        f.resolvedAt = at.isAfter(now) ? now : at;
        f.resolutionCode = code;
        f.resolutionNote = note;
    }

    private void attempt(FailureSeed f, Instant at, String trigger, String actor, String outcome, String effect,
                         int statusCode, String error) {
        AttemptSeed a = new AttemptSeed();
        a.number = f.attempts.size() + 2; // number 1 is the arrival, added when inserting
        a.at = at.isAfter(now) ? now : at;
        a.trigger = trigger;
        a.actor = actor;
        a.outcome = outcome;
        a.effect = effect;
        a.statusCode = statusCode;
        a.error = error;
        a.durationMs = 15 + random.nextInt(900);
        f.attempts.add(a);
    }

    private void assignAndAnnotate(FailureSeed f, List<String> actors, String[] notes) {
        if (random.nextInt(5) == 0) {
            f.assignee = pick(actors);
        }
        if (random.nextInt(8) == 0) {
            f.notes.add(new String[] {pick(actors), notes[random.nextInt(notes.length)]});
        }
    }

    private String pick(List<String> names) {
        // The demo user (first) half of the time, so that "assigned to me" has something to show.
        return random.nextBoolean() || names.size() == 1 ? names.get(0) : names.get(1 + random.nextInt(names.size() - 1));
    }

    // --- insert ---



    private int insert(DSLContext dsl) {
        Rows orderRows = new Rows("customer_order", "order_number", "status", "total_minor", "currency",
                "customer_email", "created_at", "updated_at");
        Rows paymentRows = new Rows("payment", "reference", "order_number", "provider", "amount_minor", "currency",
                "state", "created_at", "captured_at", "refunded_at");
        Rows captureRows = new Rows("payment_capture", "payment_reference", "amount_minor", "currency", "captured_at",
                "source");
        for (OrderSeed o : orders) {
            if (!o.exists) {
                continue;
            }
            OffsetDateTime created = utc(o.createdAt);
            OffsetDateTime updated = utc(o.capturedAt != null ? o.capturedAt : o.createdAt);
            orderRows.add(o.number, o.status, o.total, o.currency, o.email, created, updated);
            paymentRows.add(o.reference, o.number, o.provider, o.total, o.currency, o.paymentState, created,
                    utc(o.capturedAt), o.paymentState.equals("REFUNDED") ? refundedAt(updated) : null);
            if (o.capturedAt != null) {
                captureRows.add(o.reference, o.total, o.currency, utc(o.capturedAt),
                        o.captureSource == null || o.captureSource.equals("webhook")
                                ? "webhook:" + o.provider + "/" + data.webhookId() : o.captureSource);
            }
        }
        Rows jobRows = new Rows("replay_job", "id", "status", "total", "processed", "succeeded", "failed", "skipped",
                "throttle_per_second", "created_by", "created_by_user_id", "created_at", "started_at", "finished_at",
                "retry_of");
        Rows itemRows = new Rows("replay_job_item", "job_id", "seq", "failure_id", "outcome", "effect",
                "error_message", "processed_at", "order_number");
        seededJob(jobRows, itemRows);

        Rows failureRows = new Rows("failure", "id", "queue", "status", "reason", "message", "provider", "event_id",
                "event_type", "order_number", "payment_reference", "sku", "warehouse", "amount_minor", "currency",
                "payload", "headers", "first_seen_at", "last_attempt_at", "updated_at", "attempt_count", "assignee",
                "resolved_by", "resolved_at", "resolution_code", "resolution_note", "version");
        Rows attemptRows = new Rows("failure_attempt", "failure_id", "attempt_number", "attempted_at", "trigger_kind",
                "actor", "outcome", "effect", "status_code", "error_message", "duration_ms", "job_id");
        Rows noteRows = new Rows("failure_note", "id", "failure_id", "noted_at", "author", "note_text");
        Rows receipts = new Rows("webhook_receipt", "provider", "webhook_id", "received_at", "failure_id");
        for (FailureSeed f : failures) {
            attemptRows.add(f.id, 1, utc(f.firstSeen), "AUTOMATIC", f.actor, "FAILED", null, f.statusCode, f.message,
                    20 + random.nextInt(400), null);
            Instant last = f.firstSeen;
            for (AttemptSeed a : f.attempts) {
                attemptRows.add(f.id, a.number, utc(a.at), a.trigger, a.actor, a.outcome, a.effect, a.statusCode,
                        a.error, a.durationMs, a.jobId);
                last = a.at;
            }
            Instant updated = f.resolvedAt != null && f.resolvedAt.isAfter(last) ? f.resolvedAt : last;
            for (String[] note : f.notes) {
                Instant at = later(f.firstSeen, 60, 900);
                noteRows.add(data.uuid(), f.id, utc(at), note[0], note[1]);
                updated = at.isAfter(updated) ? at : updated;
            }
            failureRows.add(f.id, f.queue, f.status, f.reason, f.message, f.provider, f.eventId, f.eventType,
                    f.orderNumber, f.paymentReference, f.sku, f.warehouse, f.amount, f.currency, f.payload,
                    headersJson(f.headers), utc(f.firstSeen), utc(last), utc(updated), 1 + f.attempts.size(),
                    f.assignee, f.resolvedBy, utc(f.resolvedAt), f.resolutionCode, f.resolutionNote,
                    f.attempts.size() + (f.resolvedAt == null ? 0 : 1));
            if (f.queue.equals("PAYMENT_CALLBACK") && !f.status.equals("DEAD")) {
                receipts.add(f.provider, f.eventId, utc(f.firstSeen), f.id);
            }
        }
        int seeded = failures.size();
        // The plan is in the rows now; let it go before the database fills the heap.
        orders.clear();
        failures.clear();
        List<Rows> tables = List.of(orderRows, paymentRows, captureRows, failureRows, attemptRows, noteRows, receipts,
                jobRows, itemRows);
        Rows.load(dsl, tables, seeded > 10_000);
        dsl.alterSequence(Sequences.FAILURE_ID_SEQ).restartWith((long) seeded + 1).execute();
        dsl.alterSequence(Sequences.REPLAY_JOB_ID_SEQ).restartWith(2L).execute();
        return seeded;
    }


    /**
     * Last night's bulk replay by ops, J-000001: inventory failures ops replayed by hand become its items (and their
     * successful attempts bulk ones), plus one open failure that failed again.
     */
    private void seededJob(Rows jobRows, Rows itemRows) {
        String jobId = "J-000001";
        String ops = opsActors.get(0);
        Instant started = now.minus(Duration.ofHours(3));
        int seq = 0;
        for (FailureSeed f : failures) {
            if (seq >= 8 || !f.queue.equals("INVENTORY_SYNC") || !"RESOLVED".equals(f.status)) {
                continue;
            }
            AttemptSeed last = f.attempts.isEmpty() ? null : f.attempts.get(f.attempts.size() - 1);
            if (last == null || !last.outcome.equals("SUCCEEDED") || !last.trigger.equals("MANUAL")) {
                continue;
            }
            last.trigger = "BULK";
            last.actor = ops;
            last.jobId = jobId;
            f.resolvedBy = ops;
            itemRows.add(jobId, ++seq, f.id, "SUCCEEDED", "SYNC_STOCK", null, utc(last.at), null);
        }
        int failed = 0;
        FailureSeed failedAgain = failures.stream()
                .filter(f -> f.queue.equals("INVENTORY_SYNC") && f.status.equals("OPEN")
                        && f.reason.equals("UNKNOWN_SKU") && f.firstSeen.isBefore(started))
                .findFirst().orElse(null);
        if (failedAgain != null) {
            String error = "SKU " + failedAgain.sku + " is still unknown to the ERP; create it there first, then"
                    + " replay.";
            Instant at = started.plusSeconds(5);
            AttemptSeed a = new AttemptSeed();
            a.number = failedAgain.attempts.size() + 2;
            a.at = at;
            a.trigger = "BULK";
            a.actor = ops;
            a.outcome = "FAILED";
            a.effect = "FAIL_AGAIN";
            a.statusCode = 422;
            a.error = error;
            a.durationMs = 120;
            a.jobId = jobId;
            // Keep the attempts in time order: this one goes where it belongs.
            failedAgain.attempts.removeIf(x -> x.at.isAfter(at));
            a.number = failedAgain.attempts.size() + 2;
            failedAgain.attempts.add(a);
            itemRows.add(jobId, ++seq, failedAgain.id, "FAILED", "FAIL_AGAIN", error, utc(at), null);
            failed = 1;
        }
        jobRows.add(jobId, "COMPLETED", seq, seq, seq - failed, failed, 0, 20, ops, opsUserId,
                utc(started.minusSeconds(2)), utc(started), utc(started.plusSeconds(10)), null);
    }

    /** A day after the capture, or half-way to now if that would be in the future: never later than now. */
    private OffsetDateTime refundedAt(OffsetDateTime captured) {
        OffsetDateTime dayLater = captured.plusDays(1);
        OffsetDateTime limit = utc(now);
        return dayLater.isBefore(limit) ? dayLater
                : captured.plusNanos(java.time.Duration.between(captured, limit).toNanos() / 2);
    }

    /** A moment {@code min..max} seconds after {@code from}, but never in the future (then between from and now). */
    private Instant later(Instant from, int minSeconds, int maxSeconds) {
        long wanted = minSeconds + random.nextInt(Math.max(1, maxSeconds - minSeconds));
        long room = Math.max(0, now.getEpochSecond() - 1 - from.getEpochSecond());
        long seconds = wanted <= room ? wanted : room == 0 ? 0 : 1 + (long) (random.nextDouble() * (room - 1));
        return from.plusSeconds(seconds);
    }

    // --- values ---

    private String email() {
        String base = FIRST[random.nextInt(FIRST.length)] + "." + LAST[random.nextInt(LAST.length)];
        int n = emails.merge(base, 1, Integer::sum);
        return (n == 1 ? base : base + n) + "@example.com";
    }

    /** A provider's payment reference, unique among the seeded ones. */
    private String reference(String provider) {
        String r;
        do {
            r = data.reference(provider);
        } while (!references.add(r));
        return r;
    }

    private static String money(long minor) {
        return minor / 100 + "." + String.format("%02d", minor % 100);
    }

    private static String headersJson(Map<String, String> headers) {
        StringBuilder b = new StringBuilder("{");
        headers.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(k).append("\":\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        });
        return b.append('}').toString();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
