package dev.opsdesk.desktop.audit;

import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The right-hand pane of the Audit section: what the event recorded, the links that re-filter the
 * list around it, a change as a readable diff (field, before, after; changed rows highlighted), the
 * other details, the record's fields, and the hashes (monospace, selectable, with Copy).
 */
final class AuditDetailView extends StackPane {

    private final Formats formats;
    private final Consumer<AuditEventDetail.Link> follow;
    private final Label title = new Label();
    private final Label sequence = new Label();
    private final Label summary = new Label();
    private final Label byLine = new Label();
    private final FlowPane links = new FlowPane(14, 4);
    private final GridPane diff = new GridPane();
    private final VBox diffBox;
    private final GridPane details = new GridPane();
    private final VBox detailsBox;
    private final GridPane facts = new GridPane();
    private final TextField hash = hashField("audit-hash");
    private final TextField prevHash = hashField("audit-prev-hash");
    private final VBox content;
    private final VBox empty;

    AuditDetailView(AuditViewModel vm, Consumer<AuditEventDetail.Link> follow) {
        this.formats = vm.formats();
        this.follow = follow;
        getStyleClass().add(Styles.DETAIL_PANE);
        setId("audit-detail");

        Label emptyText = new Label("Select an event to see who did what, the change field by field, and its hashes.");
        emptyText.setWrapText(true);
        emptyText.getStyleClass().add(Styles.MUTED);
        empty = new VBox(emptyText);
        empty.getStyleClass().add(Styles.DETAIL_EMPTY);
        empty.setAlignment(Pos.CENTER);

        title.setId("audit-detail-action");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        sequence.setId("audit-detail-sequence");
        sequence.getStyleClass().addAll(Styles.MUTED, Styles.MONO);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(8, title, grow, sequence);
        top.setAlignment(Pos.CENTER_LEFT);
        summary.setId("audit-detail-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add(Styles.DETAIL_MESSAGE);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        byLine.setId("audit-detail-by");
        byLine.setWrapText(true);
        byLine.getStyleClass().add(Styles.MUTED);
        byLine.setMinHeight(Region.USE_PREF_SIZE);
        links.setId("audit-links");
        links.getStyleClass().add("audit-links");

        diff.setId("audit-diff");
        diff.getStyleClass().add("audit-diff");
        diff.setHgap(0);
        diff.setVgap(0);
        // The field's name as wide as it is (a narrow share broke "Attempts" into "Attempt s"); before and
        // after share the rest.
        ColumnConstraints fieldColumn = new ColumnConstraints();
        fieldColumn.setMinWidth(Region.USE_PREF_SIZE);
        fieldColumn.setHgrow(Priority.NEVER);
        diff.getColumnConstraints().addAll(fieldColumn, column(60, Priority.ALWAYS), column(60, Priority.ALWAYS));
        diffBox = section("What changed", diff);
        diffBox.setId("audit-diff-box");

        details.setId("audit-details");
        details.getStyleClass().add(Styles.FACTS);
        details.setHgap(10);
        details.setVgap(3);
        details.getColumnConstraints().addAll(column(110, Priority.NEVER), column(120, Priority.ALWAYS));
        detailsBox = section("Details", details);

        facts.setId("audit-facts");
        facts.getStyleClass().add(Styles.FACTS);
        facts.setHgap(10);
        facts.setVgap(3);
        facts.getColumnConstraints().addAll(column(110, Priority.NEVER), column(120, Priority.ALWAYS));

        Label hashNote = new Label("Each hash is the SHA-256 of the event and of the previous event’s hash: change, "
                + "remove or reorder one event and every hash after it stops matching.");
        hashNote.setWrapText(true);
        hashNote.setMinHeight(Region.USE_PREF_SIZE);
        hashNote.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        GridPane hashes = new GridPane();
        hashes.setHgap(10);
        hashes.setVgap(3);
        hashes.getColumnConstraints().addAll(column(110, Priority.NEVER), column(120, Priority.ALWAYS));
        hashes.addRow(0, name("Hash"), copyable(hash, "Copy the hash"));
        hashes.addRow(1, name("Previous hash"), copyable(prevHash, "Copy the previous event’s hash"));

        content = new VBox(10, new VBox(4, top, summary, byLine), links, diffBox, detailsBox,
                section("Record", facts), section("Integrity", hashes, hashNote));
        content.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("page-scroll");
        scroll.visibleProperty().bind(content.visibleProperty());

        getChildren().addAll(empty, scroll);
        vm.detailProperty().addListener((obs, old, now) -> show(now));
        show(vm.detailProperty().get());
    }

    private static ColumnConstraints column(double min, Priority grow) {
        ColumnConstraints c = new ColumnConstraints();
        c.setMinWidth(min);
        c.setHgrow(grow);
        if (grow == Priority.NEVER) {
            c.setPrefWidth(min);
        }
        return c;
    }

    private static VBox section(String heading, Node... nodes) {
        Label h = new Label(heading);
        h.getStyleClass().addAll(Styles.STRONG, "audit-section-title");
        VBox box = new VBox(6, h);
        box.getChildren().addAll(nodes);
        box.getStyleClass().add("audit-section");
        return box;
    }

    private void show(AuditEventDetail d) {
        boolean has = d != null;
        content.setVisible(has);
        empty.setVisible(!has);
        if (!has) {
            return;
        }
        AuditEvent e = d.event();
        title.setText(e.action());
        sequence.setText("#" + Formats.count(e.sequence()));
        summary.setText(d.summary());
        summary.setVisible(!d.summary().isBlank());
        summary.setManaged(summary.isVisible());
        byLine.setText(AuditTexts.entity(e) + "  ·  by " + AuditTexts.actor(e.actor()) + "  ·  "
                + formats.absolute(e.at()));

        links.getChildren().clear();
        for (AuditEventDetail.Link link : d.links()) {
            Hyperlink h = new Hyperlink(link.label(), Icons.icon(switch (link.kind()) {
                case ORDER -> Icons.ORDER;
                case FAILURE -> Icons.FAILURES;
                case ENTITY -> MaterialDesignT.TIMELINE_OUTLINE;
                case ACTOR -> MaterialDesignA.ACCOUNT_OUTLINE;
                case CORRELATION -> MaterialDesignP.PLAY_BOX_MULTIPLE_OUTLINE;
            }, 14));
            h.setId("link-" + link.kind().name().toLowerCase(Locale.ROOT));
            h.setMnemonicParsing(false);
            h.setTooltip(new Tooltip(switch (link.kind()) {
                case ORDER -> "Every event about the order, its payments, callbacks, failures and replays";
                case FAILURE -> "Every event about this failure";
                case ENTITY -> "Every event about " + AuditTexts.entity(e);
                case ACTOR -> "Everything " + AuditTexts.actor(e.actor()) + " did";
                case CORRELATION -> "Everything done as part of " + link.target();
            }));
            h.setOnAction(ev -> follow.accept(link));
            links.getChildren().add(h);
        }
        links.setVisible(!d.links().isEmpty());
        links.setManaged(links.isVisible());

        fillDiff(d.changes());
        diffBox.setVisible(!d.changes().isEmpty());
        diffBox.setManaged(diffBox.isVisible());

        details.getChildren().clear();
        int row = 0;
        for (AuditEventDetail.DetailLine line : d.details()) {
            Label v = value(line.value());
            if ("—".equals(line.value())) {
                v.getStyleClass().add(Styles.MUTED);
            }
            details.addRow(row++, name(line.key()), v);
        }
        detailsBox.setVisible(!d.details().isEmpty());
        detailsBox.setManaged(detailsBox.isVisible());

        facts.getChildren().clear();
        row = 0;
        for (AuditEventDetail.Fact fact : d.facts()) {
            Node v;
            if (fact.copyable()) {
                Label text = value(fact.value());
                text.getStyleClass().addAll(Styles.MONO, Styles.SMALL);
                v = copyable(text, fact.value(), "Copy " + fact.name().toLowerCase(Locale.ROOT));
            } else {
                v = value(fact.value());
            }
            facts.addRow(row++, name(fact.name()), v);
        }

        hash.setText(e.hash());
        prevHash.setText(e.prevHash());
    }

    /** The diff: a header, then one row per field, changed rows highlighted (behind the text, across the row). */
    private void fillDiff(List<AuditEventDetail.DiffRow> rows) {
        diff.getChildren().clear();
        Label field = new Label("Field");
        Label before = new Label("Before");
        Label after = new Label("After");
        for (Label l : List.of(field, before, after)) {
            l.getStyleClass().addAll("diff-header", Styles.MUTED, Styles.SMALL);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        diff.addRow(0, field, before, after);
        int r = 1;
        for (AuditEventDetail.DiffRow row : rows) {
            Region band = new Region();
            band.getStyleClass().addAll("diff-row", row.changed() ? "diff-changed" : "diff-same");
            band.setMaxWidth(Double.MAX_VALUE);
            band.setMaxHeight(Double.MAX_VALUE);
            diff.add(band, 0, r, 3, 1);
            Label name = cell(row.field(), "diff-field");
            name.setWrapText(false);
            name.setMinWidth(Region.USE_PREF_SIZE);
            diff.add(name, 0, r);
            if (row.changed()) {
                Label was = cell(row.before(), "diff-before");
                Label now = cell(row.after(), "diff-after");
                for (Label l : List.of(name, was, now)) {
                    l.getStyleClass().add("changed");
                }
                Tooltip.install(band, new Tooltip(row.field() + " changed from " + row.before() + " to " + row.after()));
                diff.add(was, 1, r);
                diff.add(now, 2, r);
            } else {
                // Recorded on both sides with the same value: said once, across both columns.
                Label same = cell(row.before() + "   (unchanged)", "diff-unchanged");
                diff.add(same, 1, r, 2, 1);
            }
            r++;
        }
    }

    private static Label cell(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setMaxWidth(Double.MAX_VALUE);
        l.getStyleClass().addAll("diff-cell", style);
        return l;
    }

    private static Label name(String text) {
        Label n = new Label(text);
        n.getStyleClass().addAll(Styles.FACT_NAME, Styles.MUTED);
        n.setMinWidth(Region.USE_PREF_SIZE);
        return n;
    }

    private static Label value(String text) {
        Label v = new Label(text);
        v.setWrapText(true);
        v.setMinHeight(Region.USE_PREF_SIZE);
        return v;
    }

    private static TextField hashField(String id) {
        TextField f = new TextField();
        f.setId(id);
        f.setEditable(false);
        f.getStyleClass().addAll(Styles.MONO, "hash-field");
        f.setPrefColumnCount(20);
        return f;
    }

    private static Node copyable(TextField field, String tip) {
        Button copy = copyButton(tip, field::getText);
        HBox box = new HBox(4, field, copy);
        HBox.setHgrow(field, Priority.ALWAYS);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Node copyable(Label text, String value, String tip) {
        Button copy = copyButton(tip, () -> value);
        HBox box = new HBox(4, text, copy);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Button copyButton(String tip, java.util.function.Supplier<String> text) {
        Button copy = new Button(null, Icons.icon(Icons.COPY, 12));
        copy.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        copy.setTooltip(new Tooltip(tip));
        copy.setFocusTraversable(false);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text.get() == null ? "" : text.get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        return copy;
    }

    /** Keyboard focus to the first link (Enter on a row). */
    void focusLinks() {
        links.getChildren().stream().findFirst().ifPresent(Node::requestFocus);
    }
}
