package dev.opsdesk.desktop.reconciliation.files;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Warnings of one read, each said once, at most {@value #LIMIT} of them plus a count of the rest. */
final class Warnings {

    static final int LIMIT = 50;

    private final Set<String> said = new LinkedHashSet<>();
    private int more;

    void add(String warning) {
        if (said.contains(warning)) {
            return;
        }
        if (said.size() < LIMIT) {
            said.add(warning);
        } else {
            more++;
        }
    }

    List<String> list() {
        List<String> all = new ArrayList<>(said);
        if (more > 0) {
            all.add("... and " + more + " more warnings");
        }
        return all;
    }
}
