package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement.LineKind;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * PayPal's Settlement report (STL): records typed by their first field. {@code CH} names the columns of the
 * {@code SB} rows that follow; the report, file and section headers and footers ({@code RH FH SH SF SC RF RC FF})
 * carry no lines. Amounts are unsigned minor units whose direction is in the matching "Debit or Credit" column;
 * times carry their offset ({@code 2026/12/05 10:15:00 -0800}); the kind comes from the transaction event code
 * (T-code). See src-docs/settlement-layouts.md.
 */
final class PayPalLayout extends LayoutParser {

    private static final Set<String> SUMMARY = Set.of("RH", "FH", "SH", "SF", "SC", "RF", "RC", "FF");
    private static final String RECORD_TYPE = "record type (first column)";
    private static final String DATE_EXAMPLE = "2026/12/05 10:15:00 -0800";

    private Header.Column transactionId;
    private Header.Column invoiceId;
    private Header.Column eventCode;
    private Header.Column initiationDate;
    private Header.Column completionDate;
    private Header.Column grossDirection;
    private Header.Column grossAmount;
    private Header.Column grossCurrency;
    private Header.Column feeDirection;
    private Header.Column feeAmount;
    private Header.Column feeCurrency;
    private Header.Column customField;
    private boolean columnsKnown;
    private long bodyRowsInSection;
    private long summaryRecords;

    PayPalLayout(LineSink sink, Warnings warnings, boolean decimalComma) {
        super(sink, warnings, decimalComma);
    }

    /** An STL file opens with its report header; a file cut to its column header is read too. */
    static boolean looksLikeHeader(Row first) {
        String type = first.get(0).replace("\uFEFF", "").toUpperCase(Locale.ROOT);
        return type.equals("RH") || type.equals("FH") || type.equals("SH") || type.equals("CH");
    }

    @Override
    void row(Row row) throws SettlementFormatException {
        String type = row.get(0).replace("\uFEFF", "").toUpperCase(Locale.ROOT);
        switch (type) {
            case "CH" -> columns(new Header(row));
            case "SB" -> body(row);
            case "SH" -> bodyRowsInSection = 0;
            case "SC" -> {
                summaryRecords++;
                checkCount(row);
            }
            default -> {
                if (!SUMMARY.contains(type)) {
                    throw SettlementFormatException.value(row.lineNumber, RECORD_TYPE,
                            "a settlement report record type (RH, FH, SH, CH, SB, SF, SC, RF, RC or FF)", row.get(0));
                }
                summaryRecords++;
            }
        }
    }

    @Override
    void finish() {
        if (summaryRecords > 0) {
            warnings.add(summaryRecords + " header, footer and count records (SF, SC, RF, RC, FF...) skipped, as the"
                    + " settlement report specification describes them");
        }
    }

    private void checkCount(Row row) {
        String stated = row.get(1);
        if (!stated.isEmpty() && !stated.equals(Long.toString(bodyRowsInSection))) {
            warnings.add("line " + row.lineNumber + ": the section count says " + stated + " rows, the section has "
                    + bodyRowsInSection);
        }
    }

    private void columns(Header h) throws SettlementFormatException {
        Header.Column[] c = h.require("PayPal settlement report", "Transaction ID", "Transaction Event Code",
                "Transaction Debit or Credit", "Gross Transaction Amount", "Gross Transaction Currency");
        transactionId = c[0];
        eventCode = c[1];
        grossDirection = c[2];
        grossAmount = c[3];
        grossCurrency = c[4];
        invoiceId = h.optional("Invoice ID");
        initiationDate = h.optional("Transaction Initiation Date");
        completionDate = h.optional("Transaction Completion Date");
        if (initiationDate == null && completionDate == null) {
            h.require("PayPal settlement report", "Transaction Completion Date");
        }
        feeDirection = h.optional("Fee Debit or Credit");
        feeAmount = h.optional("Fee Amount");
        feeCurrency = h.optional("Fee Currency");
        customField = h.optional("Custom Field");
        columnsKnown = true;
    }

    private void body(Row row) throws SettlementFormatException {
        if (!columnsKnown) {
            throw SettlementFormatException.value(row.lineNumber, RECORD_TYPE,
                    "a CH (column header) record before the first SB (section body) record", row.get(0));
        }
        bodyRowsInSection++;
        String code = required(row, eventCode, "a transaction event code like T0006");
        LineKind kind = kind(row, code);
        Currencies.Code currency = currency(row, grossCurrency);
        long gross = direction(row, grossDirection) * minor(row, grossAmount);
        if (kind == LineKind.CAPTURE && gross < 0) {
            kind = LineKind.OTHER; // a payment the merchant sent, not one received
        } else if (kind == LineKind.PAYOUT && gross > 0) {
            kind = LineKind.ADJUSTMENT; // a withdrawal coming back
        }
        long fee = 0;
        String feeText = text(row, feeAmount);
        if (!feeText.isEmpty() && minor(row, feeAmount) != 0) {
            String feeCurrencyText = text(row, feeCurrency);
            if (!feeCurrencyText.isEmpty() && !feeCurrencyText.equalsIgnoreCase(currency.code())) {
                throw SettlementFormatException.value(row.lineNumber, feeCurrency.name(),
                        "the fee in the transaction's currency " + currency.code(), feeCurrencyText);
            }
            // A fee debited from the merchant is a fee charged (positive); credited, it is a fee given back.
            fee = -direction(row, feeDirection) * minor(row, feeAmount);
        }
        Header.Column dateColumn = completionDate != null && !text(row, completionDate).isEmpty()
                ? completionDate : initiationDate != null ? initiationDate : completionDate;
        Timestamps.Parsed when = timestamp(row, dateColumn, DATE_EXAMPLE);
        if (when.offset() == null) {
            throw SettlementFormatException.value(row.lineNumber, dateColumn.name(),
                    "a date and time with its offset like " + DATE_EXAMPLE, text(row, dateColumn));
        }
        Instant bookedAt = when.local().toInstant(when.offset());
        String merchantRef = optional(row, invoiceId);
        if (merchantRef == null) {
            merchantRef = optional(row, customField);
        }
        emit(row, kind, optional(row, transactionId), merchantRef, null, currency.code(), gross, fee, bookedAt,
                when.local().toLocalDate(), code);
    }

    /** +1 for CR (money in), −1 for DR. */
    private static long direction(Row row, Header.Column column) throws SettlementFormatException {
        String t = text(row, column);
        if (t.equalsIgnoreCase("CR")) {
            return 1;
        }
        if (t.equalsIgnoreCase("DR")) {
            return -1;
        }
        if (column == null) {
            throw new SettlementFormatException(row.lineNumber, null, "expected a \"Fee Debit or Credit\" column for the fee");
        }
        throw SettlementFormatException.value(row.lineNumber, column.name(), "CR or DR", t);
    }

    /**
     * The kind by the event code's group (its first two digits, which PayPal says suffice for reconciliation), with
     * the few codes within a group that differ named.
     */
    private LineKind kind(Row row, String code) throws SettlementFormatException {
        String c = code.toUpperCase(Locale.ROOT);
        if (c.length() != 5 || c.charAt(0) != 'T' || !c.substring(1).chars().allMatch(Character::isDigit)) {
            throw SettlementFormatException.value(row.lineNumber, eventCode.name(),
                    "a transaction event code like T0006", code);
        }
        switch (c) {
            case "T1107" -> {
                return LineKind.REFUND;
            }
            case "T1106", "T1201", "T1207" -> {
                return LineKind.CHARGEBACK;
            }
            case "T1202" -> {
                return LineKind.CHARGEBACK_REVERSAL;
            }
            case "T1108" -> {
                return LineKind.FEE;
            }
            default -> {
                // the group decides
            }
        }
        return switch (c.substring(1, 3)) {
            case "00" -> LineKind.CAPTURE;
            case "01" -> LineKind.FEE;
            case "04" -> LineKind.PAYOUT;
            case "02", "03", "08", "09", "11", "12", "14", "15", "19", "21" -> LineKind.ADJUSTMENT;
            case "05", "06", "07", "10", "13", "16", "17", "18", "20", "22", "30", "50", "97", "98", "99" -> LineKind.OTHER;
            default -> throw SettlementFormatException.value(row.lineNumber, eventCode.name(),
                    "a transaction event code of a PayPal event group (T00.. to T22.., T30, T50, T97-T99)", code);
        };
    }
}
