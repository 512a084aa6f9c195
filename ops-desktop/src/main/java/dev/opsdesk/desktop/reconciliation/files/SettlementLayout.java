package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement;

import java.util.Locale;
import java.util.Optional;

/** The report layouts Ops Desk reads: each provider's own, plus a generic one described by a saved mapping. */
public enum SettlementLayout {

    /** Stripe's itemized payout reconciliation and balance change reports ({@code *.itemized.*}). */
    STRIPE("stripe", "Stripe itemized report", Settlement.Provider.STRIPE),
    /** Adyen's Settlement details report. */
    ADYEN("adyen", "Adyen settlement details report", Settlement.Provider.ADYEN),
    /** PayPal's Settlement report (STL), with its RH/FH/SH/CH/SB/... records. */
    PAYPAL("paypal", "PayPal settlement report (STL)", Settlement.Provider.PAYPAL),
    /** Any other file, read through a {@link Settlement.Mapping} the person made once. */
    GENERIC("generic", "Generic mapping", Settlement.Provider.OTHER);

    private final String id;
    private final String label;
    private final Settlement.Provider provider;

    SettlementLayout(String id, String label, Settlement.Provider provider) {
        this.id = id;
        this.label = label;
        this.provider = provider;
    }

    /** The name used on the command line and in JSON: {@code stripe}, {@code adyen}, {@code paypal}, {@code generic}. */
    public String id() {
        return id;
    }

    /** A name for people. */
    public String label() {
        return label;
    }

    public Settlement.Provider provider() {
        return provider;
    }

    /** The layout with this {@link #id()} (case does not matter), or empty for anything else (a mapping's name). */
    public static Optional<SettlementLayout> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (SettlementLayout layout : values()) {
            if (layout.id.equals(wanted)) {
                return Optional.of(layout);
            }
        }
        return Optional.empty();
    }
}
