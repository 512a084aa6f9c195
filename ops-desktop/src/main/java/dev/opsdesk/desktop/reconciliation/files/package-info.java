/**
 * Reading payment providers' settlement reports (Stripe, Adyen, PayPal, or a generic mapping) from CSV or XLSX
 * into {@link dev.opsdesk.client.model.Settlement.Line}s, without a server and without JavaFX.
 *
 * <p>{@link dev.opsdesk.desktop.reconciliation.files.SettlementReader} is the one entry point; the layouts and
 * what each column means are described in {@code src-docs/settlement-layouts.md}.
 */
package dev.opsdesk.desktop.reconciliation.files;
