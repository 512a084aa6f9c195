package dev.opsdesk.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A provider's settlement report as Ops Desk reads it: every line normalised to one shape, whatever the provider's own
 * layout (the contract's {@code SettlementLine} and {@code SettlementMapping}).
 */
public final class Settlement {

    private Settlement() {
    }

    /** The payment providers whose own report layouts Ops Desk reads; {@code OTHER} for a generic mapping. */
    public enum Provider { STRIPE, ADYEN, PAYPAL, OTHER }

    /** What a line of a settlement report is. */
    public enum LineKind { CAPTURE, REFUND, CHARGEBACK, CHARGEBACK_REVERSAL, FEE, PAYOUT, ADJUSTMENT, OTHER }

    /**
     * One line of a settlement report, normalised.
     *
     * <p>Amounts are integer minor units of {@code currency}. {@code gross} and {@code net} are signed so that money
     * into the merchant's balance is positive (a capture is positive, a refund, chargeback or fee negative, a payout,
     * which leaves the balance for the bank, negative); {@code fee} is the positive amount the provider charged
     * (negative only for a fee given back); {@code net = gross - fee} on every line.
     *
     * @param lineNumber        the line of the original file the line came from (1 = the first line of the file,
     *                          header included; for a record spanning several physical lines, the first)
     * @param providerReference the provider's own reference of the payment or transfer (Stripe PaymentIntent or
     *                          charge id, Adyen PSP reference, PayPal transaction id); null when the line has none
     * @param merchantReference the merchant's reference (our order number); null when the line has none
     * @param batchReference    the payout or settlement batch the line belongs to; null when the file does not say
     * @param bookedAt          when the provider booked the line, resolved to UTC from the file's own zone
     * @param raw               the line exactly as it stands in the file, for evidence
     */
    public record Line(int lineNumber, LineKind kind, String providerReference, String merchantReference,
                       String batchReference, String currency, long gross, long fee, long net, Instant bookedAt,
                       String description, String raw) {

        public Line {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(currency, "currency");
            if (net != gross - fee) {
                throw new IllegalArgumentException("line " + lineNumber + ": net " + net + " is not gross " + gross
                        + " minus fee " + fee);
            }
        }
    }

    /**
     * A generic layout: which column of a file holds what, saved under a name that the whole team shares.
     *
     * @param columns      our field to the file's header (spelling and case of the header do not matter); fields:
     *                     {@code bookedAt} (required), {@code currency} (required), {@code providerReference},
     *                     {@code merchantReference}, {@code batchReference}, {@code kind}, {@code description},
     *                     and the amounts: {@code gross} and/or {@code net} (signed), or {@code credit} and
     *                     {@code debit} (both positive), and optionally {@code fee}
     * @param kinds        a value of the {@code kind} column to our kind; without a kind column, a line with a
     *                     positive amount is a capture and a negative one a refund
     * @param dateFormat   a {@link java.time.format.DateTimeFormatter} pattern, e.g. {@code dd.MM.yyyy HH:mm}
     * @param timeZone     the zone of times without an offset, an IANA id such as {@code Europe/Amsterdam}
     * @param decimalComma amounts written {@code 1.234,56}
     * @param minorUnits   amounts written in minor units (cents) rather than major
     */
    public record Mapping(String name, Map<String, String> columns, Map<String, LineKind> kinds, String dateFormat,
                          String timeZone, boolean decimalComma, boolean minorUnits, String updatedBy,
                          Instant updatedAt) {

        public Mapping {
            columns = columns == null ? Map.of() : Map.copyOf(columns);
            kinds = kinds == null ? Map.of() : Map.copyOf(kinds);
        }
    }

    /** Totals of one currency over a file's lines (payouts excluded). */
    public record Totals(String currency, long gross, long fees, long net) {
    }

    /** What was paid out to the bank in one currency (positive). */
    public record Payout(String currency, long amount) {
    }

    /** The period a file covers, as dates in the provider's own day. */
    public record Period(java.time.LocalDate from, java.time.LocalDate to) {
    }

}
