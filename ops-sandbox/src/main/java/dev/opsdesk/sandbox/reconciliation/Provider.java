package dev.opsdesk.sandbox.reconciliation;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A settlement provider as the reconciliation sees it: its name on the wire ({@code STRIPE}) and in the payments
 * table ({@code stripe}), how long it takes to settle a capture, the zone its reports count days in, and its fee
 * schedule per currency. The schedules are the sandbox's, modelled on the providers' published list prices.
 */
public enum Provider {
    /** Stripe: 1.5 % + 0.25 EUR for European cards, paid out 2 days later, reports in UTC. */
    STRIPE("Stripe", 2, "UTC", List.of(
            new FeeSchedule("EUR", 150, 25, 1),
            new FeeSchedule("GBP", 150, 20, 1),
            new FeeSchedule("USD", 290, 30, 1))),
    /** Adyen: interchange++ approximated as a markup of 0.6 % plus a fixed 0.11, settled the next day, the account's zone. */
    ADYEN("Adyen", 1, "Europe/Amsterdam", List.of(
            new FeeSchedule("EUR", 60, 11, 3),
            new FeeSchedule("GBP", 60, 10, 3),
            new FeeSchedule("USD", 60, 12, 3))),
    /** PayPal: 2.49 % + 0.35 EUR, settled the next day, reporting windows in Pacific time. */
    PAYPAL("PayPal", 1, "America/Los_Angeles", List.of(
            new FeeSchedule("EUR", 249, 35, 1),
            new FeeSchedule("GBP", 249, 30, 1),
            new FeeSchedule("USD", 349, 49, 1))),
    /** Another provider through a generic layout: no known schedule. */
    OTHER("The provider", 2, "UTC", List.of());

    /** One currency's price: {@code percentBps} of the gross plus {@code fixedMinor}, give or take {@code toleranceMinor}. */
    public record FeeSchedule(String currency, int percentBps, long fixedMinor, long toleranceMinor) {

        /** The fee this schedule charges on a capture of {@code gross} (rounded half up). */
        public long feeFor(long gross) {
            long percent = Math.floorDiv(Math.abs(gross) * percentBps + 5_000, 10_000);
            return percent + fixedMinor;
        }
    }

    private final String displayName;
    private final int settlementDelayDays;
    private final ZoneId zone;
    private final List<FeeSchedule> schedules;

    Provider(String displayName, int settlementDelayDays, String zone, List<FeeSchedule> schedules) {
        this.displayName = displayName;
        this.settlementDelayDays = settlementDelayDays;
        this.zone = ZoneId.of(zone);
        this.schedules = schedules;
    }

    public String displayName() {
        return displayName;
    }

    public int settlementDelayDays() {
        return settlementDelayDays;
    }

    /** The zone the provider's reporting day is counted in. */
    public ZoneId zone() {
        return zone;
    }

    public List<FeeSchedule> schedules() {
        return schedules;
    }

    public Optional<FeeSchedule> schedule(String currency) {
        return schedules.stream().filter(s -> s.currency().equals(currency)).findFirst();
    }

    /** The provider's name in the payments table. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Provider> parse(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }

    public static Optional<Provider> fromDb(String name) {
        return Arrays.stream(values()).filter(p -> p.dbName().equals(name)).findFirst();
    }
}
