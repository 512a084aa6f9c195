package dev.opsdesk.sandbox.generate;

import java.util.Random;
import java.util.UUID;

/**
 * Realistic-looking payment data for seeding and simulated traffic: provider payment references, webhook message ids,
 * callback bodies. All of it comes from the given {@link Random}, so a seeded run makes the same data every time.
 * Inventory and reconciliation seeders take their ids from here too, so the sections agree on what a reference
 * looks like.
 */
public final class PaymentData {

    private static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Random random;

    public PaymentData(Random random) {
        this.random = random;
    }

    /** A provider's payment reference: Stripe PaymentIntent ids, Adyen PSP references, PayPal capture ids. */
    public String reference(String provider) {
        return switch (provider) {
            case "stripe" -> "pi_" + base62(24);
            case "adyen" -> digits(16);
            default -> upperAlnum(17);
        };
    }

    /** A Standard Webhooks message id, e.g. {@code msg_2KWPBgLlAfxdpx2AI54pPJ85f4W}. */
    public String webhookId() {
        return "msg_" + base62(27);
    }

    /** A well-formed payment callback body (the contract's {@code PaymentEvent}), amount in minor units. */
    public static String paymentEvent(String type, String orderNumber, String reference, long amountMinor,
                                      String currency) {
        return "{\"type\":\"" + type + "\",\"data\":{\"orderNumber\":\"" + orderNumber + "\",\"paymentReference\":\""
                + reference + "\",\"amount\":" + amountMinor + ",\"currency\":\"" + currency + "\"}}";
    }

    public String base62(int n) {
        return from(BASE62, n);
    }

    public String upperAlnum(int n) {
        return from(UPPER_ALNUM, n);
    }

    /** {@code n} digits, the first not 0. */
    public String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        b.append(1 + random.nextInt(9));
        for (int i = 1; i < n; i++) {
            b.append(random.nextInt(10));
        }
        return b.toString();
    }

    public String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String from(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
