package dev.opsdesk.desktop.export;

import java.util.Objects;

/**
 * One filter option of a dataset on the command line, e.g. {@code --queue Q}. Every filter option
 * takes a value.
 *
 * @param name  with the dashes: {@code --queue}
 * @param value what the value is, for the usage text: {@code Q}, {@code ISO}
 * @param help  one line on what it selects
 */
public record FilterFlag(String name, String value, String help) {

    public FilterFlag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(help, "help");
        if (!name.matches("--[a-z][a-z-]*")) {
            throw new IllegalArgumentException("A filter option is --lower-case: " + name);
        }
    }
}
