package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.client.model.Money;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.Reconciliation.Category;
import dev.opsdesk.client.model.Reconciliation.Run;
import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Styles;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A run's summary as tiles: matched, exceptions per category, totals per currency, payouts against their lines. */
final class SummaryTiles {

    private static final PseudoClass WARN = PseudoClass.getPseudoClass("warn");
    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");

    private SummaryTiles() {
    }

    static List<Node> of(Run run, Consumer<Category> showCategory) {
        List<Node> tiles = new ArrayList<>();
        Reconciliation.Summary s = run.summary();
        if (s == null) {
            tiles.add(tile("recon-tile-upload", "Not matched yet", run.uploadedLines() + " of " + run.lineCount()
                    + " lines uploaded", null, true));
            return tiles;
        }
        if (s.variance() != null) {
            Reconciliation.Variance v = s.variance();
            tiles.add(tile("recon-tile-counted", "Counted", Formats.plural(v.lines(), "line", "lines"),
                    v.shortUnits() + " units short · " + v.overUnits() + " over", false));
            tiles.add(tile("recon-tile-value", "Variance value", String.join(" · ", v.value().stream()
                    .map(m -> Formats.money(new Money(m.amount(), m.currency()))).toList()),
                    "at the SKUs' unit cost", v.value().stream().anyMatch(m -> m.amount() != 0)));
            if (v.applied() > 0 || v.notApplied() > 0) {
                tiles.add(tile("recon-tile-applied", "Applied to stock", Integer.toString(v.applied()),
                        v.notApplied() == 0 ? "every settled variance" : v.notApplied()
                                + " moved again: back in review", v.notApplied() > 0));
            }
        } else {
            tiles.add(tile("recon-tile-matched", "Matched", Formats.plural(s.matchedLines(), "line", "lines"),
                String.join("\n", s.matchedAmounts().stream().map(m -> Formats.money(new Money(m.amount(),
                        m.currency()))).toList()), false));
        }

        VBox exceptions = tile("recon-tile-exceptions", "Exceptions", s.openExceptions() == 0 ? "none open"
                : s.openExceptions() + " open", s.resolvedExceptions() + " resolved", s.openExceptions() > 0);
        for (Map.Entry<Category, Integer> e : s.exceptionsByCategory().entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            Hyperlink link = new Hyperlink(e.getValue() + " × " + ReconTexts.category(e.getKey()));
            link.setId("recon-tile-category-" + e.getKey().name());
            link.setOnAction(a -> showCategory.accept(e.getKey()));
            link.getStyleClass().add(Styles.SMALL);
            exceptions.getChildren().add(link);
        }
        tiles.add(exceptions);

        // One tile for the totals and one for the payouts, a line per currency: the tiles stay on one row.
        if (!s.totals().isEmpty()) {
            Settlement.Totals first = s.totals().get(0);
            VBox totals = tile("recon-tile-totals", "Net per currency", Formats.money(new Money(first.net(),
                    first.currency())), null, false);
            for (Settlement.Totals t : s.totals()) {
                Label line = new Label(t.currency() + "  net " + Formats.money(new Money(t.net(), t.currency()))
                        + "  (gross " + Formats.money(new Money(t.gross(), t.currency())) + ", fees "
                        + Formats.money(new Money(t.fees(), t.currency())) + ")");
                line.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
                line.setId("recon-tile-totals-" + t.currency());
                totals.getChildren().add(line);
            }
            totals.getChildren().remove(1); // the headline figure is in the lines
            tiles.add(totals);
        }
        if (!s.payouts().isEmpty()) {
            long differing = s.payouts().stream().filter(p -> p.difference() != 0).count();
            VBox payouts = tile("recon-tile-payouts", "Payouts against their lines", differing == 0
                    ? "all " + s.payouts().size() + " equal" : differing + " of " + s.payouts().size() + " differ",
                    null, differing > 0);
            payouts.pseudoClassStateChanged(OK, differing == 0);
            for (Reconciliation.PayoutCheck p : s.payouts()) {
                String batch = (p.batchReference() == null ? "" : p.batchReference() + " ") + p.currency();
                Label line = new Label(batch + "  " + Formats.money(new Money(p.amount(), p.currency()))
                        + (p.difference() == 0 ? "  = lines' net" : "  ≠ lines' net " + Formats.money(
                        new Money(p.linesNet(), p.currency())) + " (" + Formats.money(new Money(p.difference(),
                        p.currency())) + ")"));
                line.getStyleClass().addAll(Styles.SMALL, p.difference() == 0 ? Styles.MUTED : "warning-text");
                payouts.getChildren().add(line);
            }
            tiles.add(payouts);
        }
        if (s.variance() != null) {
            return tiles;
        }
        tiles.add(tile("recon-tile-unmatched", "Unmatched payments", Integer.toString(s.unmatchedPayments()),
                s.overdueUnmatchedPayments() + " past the settlement delay", s.overdueUnmatchedPayments() > 0));
        return tiles;
    }

    private static VBox tile(String id, String title, String value, String detail, boolean warn) {
        Label t = new Label(title);
        t.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        Label v = new Label(value);
        v.getStyleClass().add("tile-value");
        v.setId(id + "-value");
        VBox box = new VBox(2, t, v);
        if (detail != null && !detail.isBlank()) {
            Label d = new Label(detail);
            d.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
            box.getChildren().add(d);
        }
        box.setId(id);
        box.getStyleClass().add("recon-tile");
        box.pseudoClassStateChanged(WARN, warn);
        return box;
    }
}
