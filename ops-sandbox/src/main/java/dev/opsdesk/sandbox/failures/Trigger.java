package dev.opsdesk.sandbox.failures;

/** What started an attempt: the platform itself, a person, or a bulk replay job. */
public enum Trigger {
    AUTOMATIC,
    MANUAL,
    BULK
}
