package dev.opsdesk.sandbox.service;

/** One wrong field of a request: its name (a JSON property, query parameter or header) and what is wrong. */
public record FieldError(String field, String message) {
}
