package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement;

import java.util.List;

/**
 * A settlement report read whole: every line normalised, in the order of the file, with its preview.
 *
 * @param layout   the layout it was read with (detected or chosen)
 * @param provider whose report it is ({@code OTHER} for a generic mapping)
 * @param lines    every line, in file order
 * @param preview  counts, totals, payouts and warnings over the lines
 */
public record SettlementFile(String layout, Settlement.Provider provider, List<Settlement.Line> lines,
                             SettlementPreview preview) {

    public SettlementFile {
        lines = List.copyOf(lines);
    }

    /** Things worth a look that did not stop the reading (same as the preview's). */
    public List<String> warnings() {
        return preview.warnings();
    }
}
