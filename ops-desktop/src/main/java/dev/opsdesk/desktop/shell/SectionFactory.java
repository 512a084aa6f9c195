package dev.opsdesk.desktop.shell;

/**
 * Builds a section for the signed-in user. One per section, registered in {@code dev.opsdesk.desktop.StandardSections};
 * called on the FX thread, at most once per sign-in, when the section is first shown or linked to.
 */
@FunctionalInterface
public interface SectionFactory {

    SectionInstance create(SectionContext context);
}
