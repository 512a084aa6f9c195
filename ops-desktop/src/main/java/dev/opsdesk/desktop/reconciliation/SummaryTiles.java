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
        tiles.add(tile("recon-tile-matched", "Matched", Formats.plural(s.matchedLines(), "line", "lines"),
                String.join("\n", s.matchedAmounts().stream().map(m -> Formats.money(new Money(m.amount(),
                        m.currency()))).toList()), false));

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

        for (Settlement.Totals t : s.totals()) {
            tiles.add(tile("recon-tile-totals-" + t.currency(), "Totals " + t.currency(),
                    "net " + Formats.money(new Money(t.net(), t.currency())),
                    "gross " + Formats.money(new Money(t.gross(), t.currency())) + "\nfees "
                            + Formats.money(new Money(t.fees(), t.currency())), false));
        }
        for (Reconciliation.PayoutCheck p : s.payouts()) {
            boolean equal = p.difference() == 0;
            String batch = p.batchReference() == null ? p.currency() : p.batchReference();
            VBox tile = tile("recon-tile-payout-" + batch, "Payout " + batch,
                    Formats.money(new Money(p.amount(), p.currency())),
                    equal ? "= the lines' net" : "lines' net " + Formats.money(new Money(p.linesNet(), p.currency()))
                            + "\ndiffers by " + Formats.money(new Money(p.difference(), p.currency())), !equal);
            tile.pseudoClassStateChanged(OK, equal);
            tiles.add(tile);
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
