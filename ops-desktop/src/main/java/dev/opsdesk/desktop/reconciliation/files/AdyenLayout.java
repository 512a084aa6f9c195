package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement.LineKind;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Adyen's Settlement details report: amounts in major units as unsigned debit/credit pairs, in the net (settlement)
 * currency; fees = Commission + Markup + Scheme Fees + Interchange; times in the zone named by the {@code TimeZone}
 * column of each line. See src-docs/settlement-layouts.md.
 */
final class AdyenLayout extends LayoutParser {

    private static final Map<String, LineKind> KINDS = new HashMap<>();

    static {
        kinds(LineKind.CAPTURE, "Settled", "SettledBulk", "SettledExternally", "SettledExternallyWithInfo",
                "SettledInInstallments", "SettledReversed");
        kinds(LineKind.REFUND, "Refunded", "RefundedBulk", "RefundedExternally", "RefundedExternallyWithInfo",
                "RefundedInInstallments");
        kinds(LineKind.CHARGEBACK, "Chargeback", "ChargebackExternally", "ChargebackExternallyWithInfo",
                "SecondChargeback");
        kinds(LineKind.CHARGEBACK_REVERSAL, "ChargebackReversed", "ChargebackReversedExternallyWithInfo");
        kinds(LineKind.FEE, "Fee", "MiscCosts", "PaymentCost");
        kinds(LineKind.PAYOUT, "MerchantPayout");
        kinds(LineKind.ADJUSTMENT, "RefundedReversed", "Balancetransfer", "DepositCorrection", "InvoiceDeduction",
                "ReserveAdjustment", "ManualCorrected", "CashOutInstruction", "BankInstructionReturned",
                "MatchedStatement", "InternalCompanyPayout", "AdvancementCommissionExternallyWithInfo",
                "PaidOut", "PaidOutReversed", "Correction");
    }

    private static void kinds(LineKind kind, String... types) {
        for (String t : types) {
            KINDS.put(t.toLowerCase(Locale.ROOT), kind);
        }
    }

    private final Map<String, TimeZoneNames.Resolved> zones = new HashMap<>();
    private String lastZoneName;
    private TimeZoneNames.Resolved lastZone;
    private String otherZoneName;
    private TimeZoneNames.Resolved otherZone;
    private String lastType;
    private LineKind lastKind;
    private boolean headerRead;
    private Header.Column creationDate;
    private Header.Column timeZone;
    private Header.Column type;
    private Header.Column netCurrency;
    private Header.Column netDebit;
    private Header.Column netCredit;
    private Header.Column commission;
    private Header.Column markup;
    private Header.Column schemeFees;
    private Header.Column interchange;
    private Header.Column grossCurrency;
    private Header.Column grossDebit;
    private Header.Column grossCredit;
    private Header.Column pspReference;
    private Header.Column merchantReference;
    private Header.Column modificationReference;
    private Header.Column paymentMethod;
    private Header.Column batchNumber;

    AdyenLayout(LineSink sink, Warnings warnings, boolean decimalComma) {
        super(sink, warnings, decimalComma);
    }

    static boolean looksLikeHeader(Header h) {
        return h.has("Psp Reference") && h.has("Type") && h.has("Net Currency") && h.has("Creation Date");
    }

    @Override
    void row(Row row) throws SettlementFormatException {
        if (!headerRead) {
            header(new Header(row));
            headerRead = true;
            return;
        }
        String typeText = required(row, type, "a record type like Settled, Refunded or MerchantPayout");
        LineKind kind = kind(typeText);
        if (kind == null) {
            throw SettlementFormatException.value(row.lineNumber, type.name(), "an Adyen record type ("
                    + String.join(", ", new TreeSet<>(java.util.List.of("Settled", "Refunded", "Chargeback",
                    "ChargebackReversed", "SecondChargeback", "Fee", "MerchantPayout", "Balancetransfer",
                    "DepositCorrection", "InvoiceDeduction", "..."))) + ")", typeText);
        }
        Currencies.Code code = currency(row, netCurrency);
        String debitText = text(row, netDebit);
        String creditText = text(row, netCredit);
        if (debitText.isEmpty() && creditText.isEmpty() && kind != LineKind.FEE) {
            throw SettlementFormatException.value(row.lineNumber, netCredit.name(), "an amount in \"" + netCredit.name()
                    + "\" or \"" + netDebit.name() + "\"", "");
        }
        long net = major(row, netCredit, code) - major(row, netDebit, code);
        long fee = major(row, commission, code) + major(row, markup, code) + major(row, schemeFees, code)
                + major(row, interchange, code);
        long gross = net + fee;
        checkGross(row, code, gross);

        String when = required(row, creationDate, "a date and time like 2026-12-05 10:15:00");
        Timestamps.Parsed parsed = Timestamps.parse(when);
        if (parsed == null) {
            throw SettlementFormatException.value(row.lineNumber, creationDate.name(),
                    "a date and time like 2026-12-05 10:15:00", when);
        }
        Instant bookedAt = instant(row, parsed);

        String psp = optional(row, pspReference);
        String description = psp == null ? optional(row, modificationReference) : optional(row, paymentMethod);
        emit(row, kind, psp, optional(row, merchantReference), optional(row, batchNumber), code.code(), gross, fee,
                bookedAt, parsed.local().toLocalDate(), description == null ? typeText : typeText + ": " + description);
    }

    /** The kind of a record type; the last type read is remembered, as a file's lines mostly repeat it. */
    private LineKind kind(String typeText) {
        if (!typeText.equals(lastType)) {
            lastType = typeText;
            lastKind = KINDS.get(typeText.toLowerCase(Locale.ROOT));
        }
        return lastKind;
    }

    private Instant instant(Row row, Timestamps.Parsed parsed) throws SettlementFormatException {
        if (parsed.offset() != null) {
            return parsed.local().toInstant(parsed.offset());
        }
        String name = required(row, timeZone, "a time zone like CET or CEST");
        // files mostly alternate two names (CET, CEST): the two last are compared before any hashing
        TimeZoneNames.Resolved zone = name.equals(lastZoneName) ? lastZone
                : name.equals(otherZoneName) ? otherZone : zones.get(name);
        if (zone == null) {
            zone = TimeZoneNames.resolve(name);
            if (zone == null) {
                throw SettlementFormatException.value(row.lineNumber, timeZone.name(),
                        "a time zone like CET, CEST, PST or Europe/Amsterdam", name);
            }
            if (zone.assumption() != null) {
                warnings.add("Time zone " + zone.assumption() + " (first on line " + row.lineNumber + ")");
            }
            zones.put(name, zone);
        }
        if (!name.equals(lastZoneName)) {
            otherZoneName = lastZoneName;
            otherZone = lastZone;
            lastZoneName = name;
            lastZone = zone;
        }
        LocalDateTime local = parsed.local();
        // an abbreviation is a fixed offset: no zone rules to consult per line
        return zone.zone() instanceof ZoneOffset offset ? local.toInstant(offset) : local.atZone(zone.zone()).toInstant();
    }

    /** In the one-currency case the gross columns must agree with net + fees; a mismatch is worth a look, not a stop. */
    private void checkGross(Row row, Currencies.Code code, long gross) throws SettlementFormatException {
        if (grossCurrency == null || !code.code().equalsIgnoreCase(text(row, grossCurrency))) {
            return;
        }
        String credit = text(row, grossCredit);
        String debit = text(row, grossDebit);
        if (credit.isEmpty() && debit.isEmpty()) {
            return;
        }
        long stated = major(row, grossCredit, code) - major(row, grossDebit, code);
        if (stated != gross) {
            warnings.add("line " + row.lineNumber + ": gross " + stated + " minor units in the gross columns, but net"
                    + " plus fees make " + gross + "; the net and fee columns were used");
        }
    }

    private void header(Header h) throws SettlementFormatException {
        Header.Column[] c = h.require("Adyen settlement details report", "Creation Date", "TimeZone", "Type",
                "Net Currency", "Net Debit (NC)", "Net Credit (NC)");
        creationDate = c[0];
        timeZone = c[1];
        type = c[2];
        netCurrency = c[3];
        netDebit = c[4];
        netCredit = c[5];
        commission = h.optional("Commission (NC)");
        markup = h.optional("Markup (NC)");
        schemeFees = h.optional("Scheme Fees (NC)");
        interchange = h.optional("Interchange (NC)");
        grossCurrency = h.optional("Gross Currency");
        grossDebit = h.optional("Gross Debit (GC)");
        grossCredit = h.optional("Gross Credit (GC)");
        pspReference = h.optional("Psp Reference");
        merchantReference = h.optional("Merchant Reference");
        modificationReference = h.optional("Modification Reference");
        paymentMethod = h.optional("Payment Method");
        batchNumber = h.optional("Batch Number");
    }
}
