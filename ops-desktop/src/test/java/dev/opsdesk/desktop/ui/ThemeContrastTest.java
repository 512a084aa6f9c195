package dev.opsdesk.desktop.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every colour pair the stylesheet puts text in, in both themes, meets WCAG 2.1 AA contrast: 4.5:1
 * for text, 3:1 for placeholders (https://www.w3.org/TR/WCAG21/#contrast-minimum and the relative
 * luminance formula defined there). The colours are read from the stylesheet itself, so a changed
 * colour is checked, not a copy of it.
 */
class ThemeContrastTest {

    private static final String CSS = "/dev/opsdesk/desktop/ui/ops-desk.css";

    /** Foreground, background, the contrast it needs. */
    private record Pair(String text, String background, double needed) {
    }

    private static final List<String> BACKGROUNDS = List.of("-ops-bg", "-ops-surface", "-ops-surface-2",
            "-fx-control-inner-background");
    private static final List<String> TEXTS = List.of("-ops-text", "-ops-text-muted", "-ops-accent", "-ops-danger",
            "-ops-ok", "-ops-warn");

    @Test
    void textAndPlaceholdersAreReadableInTheLightTheme() throws IOException {
        checkTheme(".root {");
    }

    @Test
    void textAndPlaceholdersAreReadableInTheDarkTheme() throws IOException {
        checkTheme(".root.theme-dark {");
    }

    @Test
    void everyTextInputUsesThePlaceholderColour() throws IOException {
        assertThat(css()).containsPattern("\\.text-input\\s*\\{[^}]*-fx-prompt-text-fill:\\s*-ops-placeholder;");
    }

    @Test
    void theContrastFormulaIsWcags() {
        assertThat(contrast("#000000", "#ffffff")).isEqualTo(21.0, org.assertj.core.api.Assertions.within(0.01));
        assertThat(contrast("#767676", "#ffffff")).isEqualTo(4.54, org.assertj.core.api.Assertions.within(0.01));
        assertThat(contrast("#ffffff", "#ffffff")).isEqualTo(1.0);
    }

    private static void checkTheme(String blockStart) throws IOException {
        Map<String, String> colours = block(css(), blockStart);
        for (String background : BACKGROUNDS) {
            for (String text : TEXTS) {
                check(colours, new Pair(text, background, 4.5), blockStart);
            }
        }
        check(colours, new Pair("-ops-placeholder", "-fx-control-inner-background", 3.0), blockStart);
    }

    private static void check(Map<String, String> colours, Pair pair, String theme) {
        String fg = colours.get(pair.text());
        String bg = colours.get(pair.background());
        assertThat(fg).as("%s is set in %s", pair.text(), theme).isNotNull();
        assertThat(bg).as("%s is set in %s", pair.background(), theme).isNotNull();
        assertThat(contrast(fg, bg)).as("%s (%s) on %s (%s) in %s", pair.text(), fg, pair.background(), bg, theme)
                .isGreaterThanOrEqualTo(pair.needed());
    }

    private static String css() throws IOException {
        try (InputStream in = ThemeContrastTest.class.getResourceAsStream(CSS)) {
            assertThat(in).as(CSS).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The #rrggbb looked-up colours declared in the block that starts with {@code start}. */
    private static Map<String, String> block(String css, String start) {
        int from = css.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        String body = css.substring(from + start.length(), css.indexOf('}', from));
        Map<String, String> colours = new HashMap<>();
        Matcher m = Pattern.compile("(-[\\w-]+):\\s*(#[0-9a-fA-F]{6})\\s*;").matcher(body);
        while (m.find()) {
            colours.put(m.group(1), m.group(2));
        }
        return colours;
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16 & 0xff) + 0.7152 * channel(rgb >> 8 & 0xff) + 0.0722 * channel(rgb & 0xff);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
