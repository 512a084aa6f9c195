package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.client.model.FailureSort;

/** What the Failures list asks the server: the filters and the order. */
public record FailureQuery(FailureFilter filter, FailureSort sort) {
}
