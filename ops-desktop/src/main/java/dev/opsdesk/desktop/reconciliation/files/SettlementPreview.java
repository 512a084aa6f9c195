package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a settlement file holds, in a few figures a person checks before importing it.
 *
 * @param layout   the layout's id ({@code stripe}, {@code adyen}, {@code paypal}) or the generic mapping's name
 * @param provider whose report it is
 * @param lines    how many normalised lines (header, summary and blank lines not counted)
 * @param period   the first and last booking date, in the provider's own day, of what was settled (payouts are
 *                 booked later, on the day they leave, and count only in a file of nothing else); null without lines
 * @param byKind   lines per kind, every kind present (0 when none)
 * @param totals   gross, fees and net per currency over every line except payouts, by currency code
 * @param payouts  what was paid out per currency (positive), by currency code
 * @param warnings things worth a look that did not stop the reading
 */
public record SettlementPreview(String layout, Settlement.Provider provider, long lines, Settlement.Period period,
                                Map<Settlement.LineKind, Long> byKind, List<Settlement.Totals> totals,
                                List<Settlement.Payout> payouts, List<String> warnings) {

    public SettlementPreview {
        byKind = Collections.unmodifiableMap(new EnumMap<>(byKind)); // kinds in their declared order
        totals = List.copyOf(totals);
        payouts = List.copyOf(payouts);
        warnings = List.copyOf(warnings);
    }
}
