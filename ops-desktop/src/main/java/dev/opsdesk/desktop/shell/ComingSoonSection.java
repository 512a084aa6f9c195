package dev.opsdesk.desktop.shell;

import dev.opsdesk.client.model.Me;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.Styles;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The page of a registered section that has no factory yet: what it will offer, and what this user
 * will be able to do there (following permission changes).
 */
final class ComingSoonSection implements SectionInstance {

    private final SectionContext context;
    private final Node root;
    private final VBox page;
    private final ChangeListener<Me> meListener = (obs, old, now) -> fillPermissions(now);
    private Node permissionsCard;

    ComingSoonSection(SectionContext context) {
        this.context = context;
        Section section = context.section();
        var soonIcon = Icons.icon(Icons.COMING_SOON, 20);
        Label soon = new Label("Coming soon", soonIcon);
        soon.getStyleClass().add(Styles.COMING_SOON);
        Label what = new Label(section.comingSoon());
        what.setWrapText(true);
        page = new VBox(20, SectionPages.header(section), SectionPages.card(soon, what));
        root = SectionPages.page(page, section.pageId());
        fillPermissions(context.currentMe());
        context.me().addListener(meListener);
    }

    private void fillPermissions(Me me) {
        if (permissionsCard != null) {
            page.getChildren().remove(permissionsCard);
            permissionsCard = null;
        }
        List<PermissionLine> lines = PermissionLine.of(me, context.section().relatedPermissions());
        if (!lines.isEmpty()) {
            Label heading = new Label("What you will be able to do here");
            heading.getStyleClass().add(Styles.SECTION_TITLE);
            permissionsCard = SectionPages.card(heading, SectionPages.permissionGrid(lines));
            page.getChildren().add(permissionsCard);
        }
    }

    @Override
    public Node root() {
        return root;
    }

    /** Nothing on the page takes focus but links; the shell focuses the navigation button instead. */
    @Override
    public boolean focusFirstControl() {
        return false;
    }

    @Override
    public void dispose() {
        context.me().removeListener(meListener);
    }
}
