package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement;

import java.time.LocalDate;

/** Where a layout hands each normalised line, with the day it was booked on in the provider's own zone. */
interface LineSink {

    void line(Settlement.Line line, LocalDate providerDay);
}
