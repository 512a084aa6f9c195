package dev.opsdesk.sandbox.traffic;

import dev.opsdesk.sandbox.failures.Reason;
import dev.opsdesk.sandbox.generate.PaymentData;
import dev.opsdesk.sandbox.failures.Simulation;
import dev.opsdesk.sandbox.failures.Storefront;
import dev.opsdesk.sandbox.failures.Views;
import dev.opsdesk.sandbox.webhooks.StandardWebhooks;
import dev.opsdesk.sandbox.webhooks.WebhookSecrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the queues moving while someone watches: a background thread that places orders and sends properly signed
 * payment callbacks to the server's own webhook endpoint over HTTP, a few per second. Most succeed; some fail the way
 * they do in real life: the callback overtakes the checkout (the order is placed a few seconds later, so a replay then
 * succeeds), the amount does not match, the payment service times out, the signature is made with a wrong secret, the
 * timestamp is stale, the provider delivers the same message twice. Now and then a fulfillment export fails too. On
 * every step it also moves stock and runs the inventory integrations that are due ({@link InventoryTraffic}), by the
 * clock's time.
 */
public final class TrafficSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficSimulator.class);
    private static final long[] PRICES = {1999, 4250, 899, 2499, 5900, 12999, 3450, 7999, 1500, 2990, 6450};
    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "GBP", "USD"};
    private static final String[] PROVIDERS = {"stripe", "stripe", "adyen", "paypal"};

    private final URI base;
    private final Function<String, String> secrets;
    private final Storefront storefront;
    private final Simulation simulation;
    private final Clock clock;
    private final Random random;
    private final PaymentData data;
    private final Duration pause;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final InventoryTraffic inventory;
    private final Thread thread;
    private volatile boolean running = true;

    /** An order the checkout will place later (the callback about it has already been sent). */
    private record Pending(long dueAtNanos, String orderNumber, Views.Money total, String provider, String reference) {
    }

    /** A callback that was sent, to deliver again (a duplicate) or to refund. */
    private record Sent(String provider, String id, String body, String orderNumber, String reference,
                        Views.Money amount) {
    }

    private final Deque<Pending> pending = new ArrayDeque<>();
    private final List<Sent> paid = new ArrayList<>();
    private int sent;
    private long nextOrder = -1;

    /**
     * @param base    the server, e.g. {@code http://127.0.0.1:8080}
     * @param secrets each provider's signing secret
     * @param pause   the mean time between two messages
     */
    public TrafficSimulator(URI base, Function<String, String> secrets, Storefront storefront, Simulation simulation,
                            Clock clock, long seed, Duration pause) {
        this.base = base;
        this.secrets = secrets;
        this.storefront = storefront;
        this.simulation = simulation;
        this.clock = clock;
        this.random = new Random(seed ^ 0x7AFF1C5EL);
        this.data = new PaymentData(random);
        this.pause = pause;
        this.inventory = new InventoryTraffic(storefront.dsl(), storefront.events(), storefront.integrations(), seed);
        this.thread = new Thread(this::run, "traffic-simulator");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The stock movements and integration runs (ticked by this simulator's thread; a test may tick it too). */
    public InventoryTraffic inventory() {
        return inventory;
    }

    /** How many callbacks were sent so far. */
    public synchronized int sent() {
        return sent;
    }

    private void run() {
        LOG.info("Traffic simulator sending to {}", base);
        while (running) {
            try {
                placeDueOrders();
                inventory.tick(clock.instant());
                step();
                Thread.sleep(pause.toMillis() / 2 + random.nextInt((int) Math.max(1, pause.toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.debug("Traffic simulator: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void placeDueOrders() {
        while (!pending.isEmpty() && pending.peekFirst().dueAtNanos() <= System.nanoTime()) {
            Pending p = pending.removeFirst();
            storefront.placeOrder(p.orderNumber(), p.total(), email(), p.provider(), p.reference());
        }
    }

    private void step() throws IOException, InterruptedException {
        int r = random.nextInt(100);
        String provider = PROVIDERS[random.nextInt(PROVIDERS.length)];
        Views.Money total = new Views.Money(PRICES[random.nextInt(PRICES.length)]
                * (1 + random.nextInt(2)), CURRENCIES[random.nextInt(CURRENCIES.length)]);
        String reference = data.reference(provider);
        if (r < 10) {
            // The callback overtakes the checkout: the order is placed 3 to 8 seconds later.
            String order = newOrderNumber();
            pending.addLast(new Pending(System.nanoTime() + Duration.ofSeconds(3 + random.nextInt(6)).toNanos(),
                    order, total, provider, reference));
            send(provider, id(provider, false), event("payment.succeeded", order, reference, total), Mode.SIGNED);
            return;
        }
        if (r < 16 && !paid.isEmpty()) {
            // The provider delivers a message it already delivered (same webhook-id).
            Sent again = paid.get(random.nextInt(paid.size()));
            send(again.provider(), again.id(), again.body(), Mode.SIGNED);
            return;
        }
        if (r < 20 && !paid.isEmpty()) {
            Sent refund = paid.remove(random.nextInt(paid.size()));
            send(refund.provider(), id(refund.provider(), false), event("refund.succeeded", refund.orderNumber(),
                    refund.reference(), refund.amount()), Mode.SIGNED);
            return;
        }
        if (r < 26) {
            // Inventory moves by the clock (inventory.tick); this share of the steps is a quiet moment.
            return;
        }
        if (r < 29) {
            fulfillmentFailure();
            return;
        }
        String order = newOrderNumber();
        storefront.placeOrder(order, total, email(), provider, reference);
        if (r < 36) {
            Views.Money wrong = new Views.Money(total.amountMinor() + (random.nextBoolean() ? 500 : -100),
                    total.currency());
            send(provider, id(provider, false), event("payment.succeeded", order, reference, wrong), Mode.SIGNED);
        } else if (r < 42) {
            send(provider, id(provider, true), event("payment.succeeded", order, reference, total), Mode.SIGNED);
        } else if (r < 47) {
            send(provider, id(provider, false), event("payment.succeeded", order, reference, total),
                    Mode.WRONG_SECRET);
        } else if (r < 51) {
            send(provider, id(provider, false), event("payment.succeeded", order, reference, total), Mode.STALE);
        } else if (r < 55) {
            send(provider, id(provider, false), event("payment.failed", order, reference, total), Mode.SIGNED);
        } else {
            String id = id(provider, false);
            String body = event("payment.succeeded", order, reference, total);
            if (send(provider, id, body, Mode.SIGNED) == 200) {
                paid.add(new Sent(provider, id, body, order, reference, total));
                if (paid.size() > 200) {
                    paid.remove(0);
                }
            }
        }
    }

    private enum Mode { SIGNED, WRONG_SECRET, STALE }

    private int send(String provider, String id, String body, Mode mode) throws IOException, InterruptedException {
        long ts = clock.instant().getEpochSecond() - (mode == Mode.STALE ? 600 + random.nextInt(600) : 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String secret = mode == Mode.WRONG_SECRET ? WebhookSecrets.defaultSecret(random.nextLong(), provider)
                : secrets.apply(provider);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/webhooks/payments/" + provider))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "ops-sandbox-traffic/1.0 (" + provider + ")")
                .header(StandardWebhooks.ID_HEADER, id)
                .header(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(ts))
                .header(StandardWebhooks.SIGNATURE_HEADER, StandardWebhooks.sign(secret, id, ts, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        synchronized (this) {
            sent++;
        }
        return status;
    }

    private void fulfillmentFailure() {
        String order = paid.isEmpty() ? storefront.nextOrderNumber() : paid.get(random.nextInt(paid.size())).orderNumber();
        String carrier = random.nextBoolean() ? "DPD" : "PostNL";
        if (random.nextBoolean()) {
            storefront.integrations().fulfillmentExportFailed(order, carrier, Reason.CARRIER_REJECTED,
                    "Carrier " + carrier + " rejected the shipment for order " + order + ": service point full.");
        } else {
            storefront.integrations().fulfillmentExportFailed(order, carrier, Reason.ERP_REJECTED,
                    "The ERP rejected the shipment export for order " + order + ": cost centre missing for NL.");
        }
    }

    /** The next order number, counted here: some orders are placed only seconds after their number is used. */
    private String newOrderNumber() {
        if (nextOrder < 0) {
            nextOrder = Long.parseLong(storefront.nextOrderNumber().substring(4));
        }
        return "ORD-" + nextOrder++;
    }

    private static String event(String type, String order, String reference, Views.Money amount) {
        return PaymentData.paymentEvent(type, order, reference, amount.amountMinor(), amount.currency());
    }

    /** A fresh webhook-id; {@code timingOut} picks one whose processing the payment service lets time out. */
    private String id(String provider, boolean timingOut) {
        while (true) {
            String id = data.webhookId();
            if (simulation.intakeTimesOut(provider, id) == timingOut) {
                return id;
            }
        }
    }

    private String email() {
        return "customer" + random.nextInt(1_000_000) + "@example.com";
    }

    /** Stops sending (waits for the message in flight). */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
