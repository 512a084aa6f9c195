package dev.opsdesk.sandbox;

/** How much demo data the sandbox seeds. */
public enum Scale {
    /** Quick to start: about 500 orders and 300 failures over the last 24 hours. The default. */
    SMALL,
    /** For load and benchmarks: more than 200,000 failures and 120,000 orders over the last week. */
    LARGE
}
