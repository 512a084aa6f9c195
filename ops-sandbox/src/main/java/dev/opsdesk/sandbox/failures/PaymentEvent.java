package dev.opsdesk.sandbox.failures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A payment provider's event envelope, {@code {"type": ..., "data": {orderNumber, paymentReference, amount,
 * currency}}}, read from a callback body.
 *
 * @param amountMinor the amount in minor units
 */
public record PaymentEvent(String type, String orderNumber, String paymentReference, long amountMinor,
                           String currency) {

    public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
    public static final String PAYMENT_FAILED = "payment.failed";
    public static final String REFUND_SUCCEEDED = "refund.succeeded";
    public static final Set<String> TYPES = Set.of(PAYMENT_SUCCEEDED, PAYMENT_FAILED, REFUND_SUCCEEDED);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public Views.Money amount() {
        return new Views.Money(amountMinor, currency);
    }

    /**
     * What could be read from a body: the event when it is well-formed, else {@code problem}; the individual fields
     * as far as they could be read either way (they make a malformed callback findable by order number).
     */
    public record Parsed(PaymentEvent event, String problem, String type, String orderNumber, String paymentReference,
                         Long amountMinor, String currency) {

        public boolean ok() {
            return event != null;
        }
    }

    public static Parsed parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            return new Parsed(null, "The body is not valid JSON.", null, null, null, null, null);
        }
        if (root == null || !root.isObject()) {
            return new Parsed(null, "The body is not a JSON object.", null, null, null, null, null);
        }
        List<String> problems = new ArrayList<>();
        String type = text(root, "type");
        if (type == null) {
            problems.add("type is missing");
        } else if (!TYPES.contains(type)) {
            problems.add("type '" + clip(type) + "' is not one of " + String.join(", ", TYPES.stream().sorted().toList()));
        }
        JsonNode data = root.get("data");
        String orderNumber = null;
        String reference = null;
        Long amount = null;
        String currency = null;
        if (data == null || !data.isObject()) {
            problems.add("data is missing or not an object");
        } else {
            orderNumber = text(data, "orderNumber");
            reference = text(data, "paymentReference");
            currency = text(data, "currency");
            JsonNode a = data.get("amount");
            if (a != null && a.isIntegralNumber() && a.canConvertToLong() && a.asLong() >= 0) {
                amount = a.asLong();
            }
            if (orderNumber == null || orderNumber.isEmpty() || orderNumber.length() > 32) {
                problems.add("data.orderNumber is missing or longer than 32 characters");
                orderNumber = orderNumber == null || orderNumber.length() > 32 ? null : orderNumber;
            }
            if (reference == null || reference.isEmpty() || reference.length() > 64) {
                problems.add("data.paymentReference is missing or longer than 64 characters");
                reference = reference == null || reference.length() > 64 ? null : reference;
            }
            if (amount == null) {
                problems.add("data.amount is missing or not a whole, non-negative number of minor units");
            }
            if (currency == null || !CURRENCY.matcher(currency).matches()) {
                problems.add("data.currency is missing or not a three-letter ISO code");
                currency = null;
            }
        }
        String storedType = type != null && type.length() <= 64 ? type : null;
        if (!problems.isEmpty()) {
            return new Parsed(null, "The event envelope is not valid: " + String.join("; ", problems) + ".",
                    storedType, orderNumber, reference, amount, currency);
        }
        return new Parsed(new PaymentEvent(type, orderNumber, reference, amount, currency), null, type, orderNumber,
                reference, amount, currency);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
