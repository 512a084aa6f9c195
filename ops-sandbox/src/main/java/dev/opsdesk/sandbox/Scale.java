package dev.opsdesk.sandbox;

/** How much demo data the sandbox seeds. */
public enum Scale {
    /** Quick to start: about 500 orders and 300 failures over the last 24 hours. The default. */
    SMALL,
    /** For load and benchmarks: 205,000 failures and about 100,000 orders over the last week. */
    LARGE
}
