package dev.opsdesk.desktop.shell;

import java.util.List;

/** What a section may ask of the main window around it. */
public interface SectionHost {

    /**
     * Shows {@code section} and opens {@code target} there (see {@link SectionInstance#open(String)}),
     * e.g. the Overview's tile opening a queue in Failures, or a failure's History opening its audit
     * timeline.
     *
     * @param target null to just show the section
     * @return false (and nothing changes) when the user may not see that section
     */
    boolean open(Section section, String target);

    /** Whether the signed-in user may see {@code section} now. */
    boolean isAvailable(Section section);

    /**
     * Asks the server again what the user may do ({@code GET /v1/me}). The shell does it on F5; a
     * section calls it when the server refused something with 403, so the navigation and every
     * open section follow a permission that was taken away (or granted) meanwhile.
     */
    void recheckPermissions();

    /** Every registered section, in navigation order (e.g. to group permissions by section). */
    List<Section> allSections();
}
