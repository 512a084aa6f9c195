package dev.opsdesk.desktop.overview;

import dev.opsdesk.client.model.Me;
import dev.opsdesk.desktop.ui.Permits;
import dev.opsdesk.desktop.ui.Queues;
import dev.opsdesk.desktop.shell.PermissionLine;
import dev.opsdesk.desktop.shell.Section;
import dev.opsdesk.desktop.shell.SectionContext;
import dev.opsdesk.desktop.shell.SectionInstance;
import dev.opsdesk.desktop.shell.SectionPages;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The Overview section: who is signed in where and what they may do, and — for those who may read
 * a failure queue — the live queue tiles and chart. Follows permission changes: the permission
 * list, and the tiles when the readable queues change.
 */
public final class OverviewSection implements SectionInstance {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

    private final SectionContext context;
    private final Node root;
    private final VBox liveHolder = new VBox();
    private final VBox stockHolder = new VBox();
    private final VBox permissionsBox = new VBox();
    private final ChangeListener<Me> meListener = (obs, old, now) -> meChanged(now);
    private final Button refresh;
    private OverviewView live;
    private InventoryGlanceView stock;
    private List<String> stockScope;
    private List<String> liveQueues = List.of();

    public OverviewSection(SectionContext context) {
        this.context = context;
        var session = context.session();
        Label who = new Label();
        who.getStyleClass().add(Styles.SECTION_TITLE);
        who.textProperty().bind(Bindings.createStringBinding(() -> context.me().get().user().displayName(), context.me()));
        Label detail = new Label();
        detail.getStyleClass().add(Styles.MUTED);
        detail.textProperty().bind(Bindings.createStringBinding(() -> {
            Me me = context.me().get();
            String warehouses = me.warehouseScope() == null || me.warehouseScope().isEmpty() ? "all warehouses"
                    : "warehouses " + String.join(", ", me.warehouseScope());
            return "Signed in as " + me.user().username() + "  ·  role: " + String.join(", ", me.roles())
                    + "  ·  " + warehouses;
        }, context.me()));
        String server = session.server().builtInSandbox()
                ? "Built-in training sandbox (" + session.server().hostAndPort() + ")"
                : session.server().baseUri().toString();
        String env = session.server().health().environmentName() != null ? session.server().health().environmentName()
                : session.server().health().environment();
        Label where = new Label("Server: " + server + "  ·  environment: " + env
                + (session.session().expiresAt() == null ? "" : "  ·  session valid until "
                + DATE_TIME.format(session.session().expiresAt().atZone(ZoneId.systemDefault()))));
        where.getStyleClass().add(Styles.MUTED);
        where.setWrapText(true);

        refresh = new Button("_Refresh", Icons.icon(Icons.REFRESH, 16));
        refresh.setId("overview-refresh");
        refresh.setOnAction(e -> {
            context.host().recheckPermissions();
            refresh();
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox whoRow = new HBox(12, new VBox(4, who, detail, where), grow, refresh);
        whoRow.setAlignment(Pos.TOP_LEFT);

        Label permissionsHeading = new Label("What you can do");
        permissionsHeading.getStyleClass().add(Styles.SECTION_TITLE);
        Label permissionsNote = new Label("The server decides; Ops Desk shows only the sections and actions these allow.");
        permissionsNote.getStyleClass().addAll(Styles.SMALL, Styles.MUTED);

        VBox page = new VBox(20, SectionPages.header(context.section()), SectionPages.card(whoRow), liveHolder,
                stockHolder, SectionPages.card(permissionsHeading, permissionsBox, permissionsNote));
        root = SectionPages.page(page, context.section().pageId());
        meChanged(context.currentMe());
        context.me().addListener(meListener);
    }

    private void meChanged(Me me) {
        permissionsBox.getChildren().setAll(SectionPages.groupedPermissionGrid(PermissionLine.allOf(me),
                context.host().allSections()));
        List<String> queues = Queues.readable(Permits.of(me));
        if (live == null || !queues.equals(liveQueues)) {
            showLive(queues);
        }
        showStock(me);
    }

    /** The stock card for those who may read inventory (their warehouses); nothing for the others. */
    private void showStock(Me me) {
        boolean reads = Permits.of(me).has(dev.opsdesk.client.model.Permissions.INVENTORY_READ);
        List<String> scope = me.warehouseScope() == null ? List.of() : List.copyOf(me.warehouseScope());
        if (stock != null && reads && scope.equals(stockScope)) {
            return;
        }
        if (stock != null) {
            stock.dispose();
            stock = null;
        }
        stockScope = scope;
        if (!reads) {
            stockHolder.getChildren().clear();
            return;
        }
        InventoryGlanceViewModel vm = new InventoryGlanceViewModel(context.client(), context.tasks(), context.errors(),
                context.server(), context.clock(), warehouse -> context.host().open(Section.INVENTORY,
                "warehouse:" + warehouse));
        stock = new InventoryGlanceView(vm, context.formats());
        vm.activate(context.live());
        stockHolder.getChildren().setAll(SectionPages.card(stock.root()));
    }

    /** The live tiles for the queues the user may read now; the "coming soon" card when there are none. */
    private void showLive(List<String> queues) {
        if (live != null) {
            live.dispose();
            live = null;
        }
        liveQueues = queues;
        OverviewViewModel vm = new OverviewViewModel(context.client(), context.currentMe(), context.tasks(),
                context.errors(), context.server(), context.clock(),
                queue -> context.host().open(Section.FAILURES, queue));
        if (!vm.hasQueues() && Permits.of(context.currentMe()).has(dev.opsdesk.client.model.Permissions.INVENTORY_READ)) {
            liveHolder.getChildren().clear(); // the stock card says what there is to see
            return;
        }
        if (!vm.hasQueues()) {
            var soonIcon = Icons.icon(Icons.COMING_SOON, 20);
            Label soon = new Label("Stock drift and approvals at a glance: coming soon", soonIcon);
            soon.getStyleClass().add(Styles.COMING_SOON);
            Label what = new Label("The Overview will show drift per warehouse and reconciliations waiting for you, "
                    + "each one click away from the list behind it.");
            what.setWrapText(true);
            liveHolder.getChildren().setAll(SectionPages.card(soon, what));
            return;
        }
        live = new OverviewView(vm, context.formats());
        vm.activate(context.live());
        liveHolder.getChildren().setAll(SectionPages.card(live.root()));
    }

    @Override
    public Node root() {
        return root;
    }

    /** The first queue tile (Enter opens it), else Refresh. */
    @Override
    public boolean focusFirstControl() {
        return SectionPages.focusFirstControl(liveHolder) || SectionPages.focusFirstControl(refresh);
    }

    /** F5 (the shell re-reads the permissions itself): the counts. */
    @Override
    public void refresh() {
        if (live != null) {
            live.viewModel().refresh();
        }
        if (stock != null) {
            stock.viewModel().refresh();
        }
    }

    @Override
    public void dispose() {
        context.me().removeListener(meListener);
        if (live != null) {
            live.dispose();
            live = null;
        }
        if (stock != null) {
            stock.dispose();
            stock = null;
        }
    }

    /** The stock card; empty when the user may not read inventory (for tests). */
    public java.util.Optional<InventoryGlanceView> stock() {
        return java.util.Optional.ofNullable(stock);
    }

    /** The live tiles and chart; empty when the user may read no failure queue (for tests). */
    public java.util.Optional<OverviewView> live() {
        return java.util.Optional.ofNullable(live);
    }
}
