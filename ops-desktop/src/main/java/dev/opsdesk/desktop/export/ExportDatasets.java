package dev.opsdesk.desktop.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every dataset that can be exported, by name: what {@code ops-desktop export <name>} consults. The
 * export package knows no feature; the application assembles this from the entries each feature
 * provides (see {@code dev.opsdesk.desktop.Main}).
 */
public final class ExportDatasets {

    private final Map<String, ExportDatasetEntry<?, ?>> byName;

    private ExportDatasets(Map<String, ExportDatasetEntry<?, ?>> byName) {
        this.byName = byName;
    }

    public static ExportDatasets of(ExportDatasetEntry<?, ?>... entries) {
        return of(List.of(entries));
    }

    public static ExportDatasets of(List<ExportDatasetEntry<?, ?>> entries) {
        Map<String, ExportDatasetEntry<?, ?>> byName = new LinkedHashMap<>();
        for (ExportDatasetEntry<?, ?> entry : entries) {
            if (byName.put(entry.name(), entry) != null) {
                throw new IllegalArgumentException("Two datasets named " + entry.name());
            }
        }
        return new ExportDatasets(byName);
    }

    public Optional<ExportDatasetEntry<?, ?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The names, in the order they were registered. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public List<ExportDatasetEntry<?, ?>> entries() {
        return List.copyOf(byName.values());
    }

    /** Whether any dataset has {@code option} (with dashes) as a filter option. */
    public boolean isFilterFlag(String option) {
        return byName.values().stream().anyMatch(e -> e.hasFlag(option));
    }
}
