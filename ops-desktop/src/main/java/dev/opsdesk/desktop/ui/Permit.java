package dev.opsdesk.desktop.ui;

/**
 * Whether an action is available (on a record), and if not, why — in words for the button's tooltip.
 *
 * @param whyNot null when allowed
 */
public record Permit(boolean allowed, String whyNot) {

    public static final Permit ALLOWED = new Permit(true, null);

    public static Permit no(String why) {
        return new Permit(false, why);
    }
}
