package dev.opsdesk.client.model;

import java.time.Instant;

/** Who closed a failure, when, with which code, and why. */
public record Resolution(String by, Instant at, String code, String note) {
}
