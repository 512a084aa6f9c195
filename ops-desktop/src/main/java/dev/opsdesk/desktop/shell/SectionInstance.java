package dev.opsdesk.desktop.shell;

import javafx.scene.Node;

/**
 * One section of the main window while a user is signed in, made by its {@link SectionFactory} the
 * first time it is shown (or linked to) and disposed at sign-out. The shell calls these on the FX
 * thread; everything but {@link #root()} is optional.
 */
public interface SectionInstance {

    /** The page; the shell puts it in the middle of the window. */
    Node root();

    /** The section comes on screen, the first time and every time after (e.g. to check what changed meanwhile). */
    default void shown() {
    }

    /**
     * Puts keyboard focus on the section's first useful control (its search field, its first tile)
     * when the section is opened from outside the navigation — a shortcut pressed while working in
     * another section, or a link. By default the first control that takes focus.
     *
     * @return false when the page has nothing to focus; the shell then focuses the section's navigation button
     */
    default boolean focusFirstControl() {
        return SectionPages.focusFirstControl(root());
    }

    /** F5: load what the section shows again. */
    default void refresh() {
    }

    /** Ctrl+F: the section's search field, if it has one. */
    default void focusSearch() {
    }

    /**
     * Shows what {@code target} names, in the section's own terms: a queue for Failures
     * ({@code PAYMENT_CALLBACK}), an entity's timeline for Audit ({@code order:ORD-100123}).
     *
     * @return false when the section does not know such a target
     */
    default boolean open(String target) {
        return false;
    }

    /** Sign-out, or the user may no longer see the section: stop timers, live listeners and loading. */
    default void dispose() {
    }
}
