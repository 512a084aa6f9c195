package dev.opsdesk.desktop.shell;

import dev.opsdesk.client.model.Me;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The sections of the main window, in navigation order, each with the factory that builds it — or
 * none yet, in which case the section shows a "coming soon" page. The navigation, the Ctrl+digit
 * shortcuts (the n-th registered section is Ctrl+n, whether or not the ones before it show) and the
 * placeholders all come from this list; the standard one is {@code dev.opsdesk.desktop.StandardSections}.
 */
public final class SectionRegistry {

    /** One line of the registry. */
    public record Entry(Section section, SectionFactory factory) {
        public Entry {
            Objects.requireNonNull(section, "section");
        }

        /** Whether the section is built; without a factory it shows as coming soon. */
        public boolean isBuilt() {
            return factory != null;
        }
    }

    /** The most sections the Ctrl+digit shortcuts reach. */
    public static final int MAX_SECTIONS = 9;

    private final List<Entry> entries;

    private SectionRegistry(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();

        /** A built section. */
        public Builder add(Section section, SectionFactory factory) {
            return entry(new Entry(section, Objects.requireNonNull(factory, "factory")));
        }

        /** A section that is not built yet: it shows its placeholder. */
        public Builder comingSoon(Section section) {
            return entry(new Entry(section, null));
        }

        private Builder entry(Entry entry) {
            if (!ids.add(entry.section().id())) {
                throw new IllegalArgumentException("Two sections with the id " + entry.section().id());
            }
            if (entries.size() == MAX_SECTIONS) {
                throw new IllegalArgumentException("At most " + MAX_SECTIONS + " sections (Ctrl+1 to Ctrl+9)");
            }
            entries.add(entry);
            return this;
        }

        public SectionRegistry build() {
            return new SectionRegistry(entries);
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Every section, in navigation order. */
    public List<Section> sections() {
        return entries.stream().map(Entry::section).toList();
    }

    /** The sections {@code me} may see, in navigation order. */
    public List<Section> visibleTo(Me me) {
        return entries.stream().map(Entry::section).filter(s -> s.isVisibleTo(me)).toList();
    }

    public Optional<Entry> entry(Section section) {
        return entries.stream().filter(e -> e.section().equals(section)).findFirst();
    }

    /** The section of Ctrl+{@code digit} (1-based), if there is one. */
    public Optional<Section> byShortcut(int digit) {
        return digit >= 1 && digit <= entries.size() ? Optional.of(entries.get(digit - 1).section()) : Optional.empty();
    }

    /** The digit of the section's Ctrl+digit shortcut (1-based). */
    public int shortcutDigit(Section section) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).section().equals(section)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("Not registered: " + section.id());
    }

    public int size() {
        return entries.size();
    }
}
