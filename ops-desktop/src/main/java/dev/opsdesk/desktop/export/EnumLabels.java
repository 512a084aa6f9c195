package dev.opsdesk.desktop.export;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Turns codes such as {@code PAYMENT_CALLBACK} into labels such as "Payment callback". */
public final class EnumLabels {

    private EnumLabels() {
    }

    /** {@code SIGNATURE_INVALID} -> "Signature invalid"; an {@link Enum} by its name; anything else by {@code toString()}. */
    public static String humanize(Object code) {
        String s = code instanceof Enum<?> e ? e.name() : String.valueOf(code);
        if (s.isEmpty()) {
            return s;
        }
        String spaced = s.replace('_', ' ').toLowerCase(Locale.ROOT).trim();
        return spaced.isEmpty() ? s : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** Labels from a fixed table, falling back to {@link #humanize(Object)} for codes it does not know (a newer server). */
    public static Function<Object, String> of(Map<String, String> labels) {
        Map<String, String> copy = Map.copyOf(labels);
        return code -> {
            String key = code instanceof Enum<?> e ? e.name() : String.valueOf(code);
            String label = copy.get(key);
            return label != null ? label : humanize(code);
        };
    }
}
