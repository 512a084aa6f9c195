package dev.opsdesk.client.model;

import java.time.Instant;

/** A note someone added to a failure. */
public record Note(String id, Instant at, String author, String text) {
}
