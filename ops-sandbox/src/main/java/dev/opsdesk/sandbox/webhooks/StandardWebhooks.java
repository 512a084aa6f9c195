package dev.opsdesk.sandbox.webhooks;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing and verifying webhooks as the Standard Webhooks specification says (https://www.standardwebhooks.com):
 * the signed content is {@code id.timestamp.body}, the signature HMAC-SHA256 keyed with the base64-decoded part of
 * a {@code whsec_} secret, sent as a space-separated list of {@code v1,<base64>} in {@code webhook-signature}; any
 * one matching signature accepts (so a sender can sign with an old and a new secret while rotating), compared in
 * constant time; the timestamp (Unix seconds) must be within the tolerance of the receiver's clock.
 * Pure: no I/O, the time is passed in.
 */
public final class StandardWebhooks {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    public static final String SECRET_PREFIX = "whsec_";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String VERSION = "v1";

    private StandardWebhooks() {
    }

    /** Why a webhook was not accepted. */
    public enum Rejection {
        /** A header is missing, no signature matches, or the signature list is malformed. */
        SIGNATURE_INVALID,
        /** The timestamp is not a number, or too far from the receiver's clock. */
        TIMESTAMP_OUT_OF_TOLERANCE
    }

    /** The outcome of {@link #verify}: accepted, or rejected with a reason and a message a person can act on. */
    public record Verification(Rejection rejection, String message) {

        static final Verification OK = new Verification(null, "verified");

        public boolean ok() {
            return rejection == null;
        }
    }

    /**
     * Checks a received webhook. The timestamp is checked first (a replayed old message is reported as such even if
     * its signature is fine), then the signatures.
     *
     * @param secret    the receiver's secret, {@code whsec_<base64>}
     * @param id        the {@code webhook-id} header (null when missing)
     * @param timestamp the {@code webhook-timestamp} header (null when missing)
     * @param body      the raw request body
     * @param signature the {@code webhook-signature} header (null when missing)
     * @param now       the receiver's time
     */
    public static Verification verify(String secret, String id, String timestamp, byte[] body, String signature,
                                      Instant now, Duration tolerance) {
        Objects.requireNonNull(body, "body");
        if (isBlank(id) || isBlank(timestamp) || isBlank(signature)) {
            String missing = missing(id, ID_HEADER) + missing(timestamp, TIMESTAMP_HEADER)
                    + missing(signature, SIGNATURE_HEADER);
            return new Verification(Rejection.SIGNATURE_INVALID,
                    "Missing header(s): " + missing.substring(0, missing.length() - 2) + ".");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return new Verification(Rejection.TIMESTAMP_OUT_OF_TOLERANCE,
                    "The webhook-timestamp is not a number of seconds since 1970.");
        }
        // Compared without subtracting from the sender's number: "seconds - now" overflows for a timestamp near
        // Long.MIN_VALUE, and Math.abs(Long.MIN_VALUE) is negative, which once let such a callback through.
        long nowSeconds = now.getEpochSecond();
        long tol = tolerance.toSeconds();
        if (seconds < nowSeconds - tol || seconds > nowSeconds + tol) {
            BigInteger skew = BigInteger.valueOf(seconds).subtract(BigInteger.valueOf(nowSeconds));
            return new Verification(Rejection.TIMESTAMP_OUT_OF_TOLERANCE, "The webhook-timestamp is "
                    + skew.abs() + " s " + (skew.signum() < 0 ? "in the past" : "in the future")
                    + "; at most " + tol + " s are accepted.");
        }
        byte[] expected = mac(secret, id, timestamp.trim(), body);
        boolean anyWellFormed = false;
        for (String candidate : signature.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma <= 0 || !VERSION.equals(candidate.substring(0, comma))) {
                continue; // another version or garbage: the spec says to ignore it
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            anyWellFormed = true;
            if (MessageDigest.isEqual(expected, given)) {
                return Verification.OK;
            }
        }
        return new Verification(Rejection.SIGNATURE_INVALID, anyWellFormed
                ? "No signature matches this provider's secret (was the secret rotated on one side only?)."
                : "The webhook-signature header holds no v1 signature.");
    }

    /** The {@code webhook-signature} value for a message: {@code v1,<base64 HMAC-SHA256>}. */
    public static String sign(String secret, String id, long timestampSeconds, byte[] body) {
        return VERSION + "," + Base64.getEncoder().encodeToString(mac(secret, id, Long.toString(timestampSeconds), body));
    }

    /** The key bytes of a {@code whsec_<base64>} secret. */
    public static byte[] key(String secret) {
        Objects.requireNonNull(secret, "secret");
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] key = Base64.getDecoder().decode(encoded);
        if (key.length == 0) {
            throw new IllegalArgumentException("The secret has no key after " + SECRET_PREFIX);
        }
        return key;
    }

    /** Whether {@code secret} is a well-formed {@code whsec_<base64>} secret. */
    public static boolean isValidSecret(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return false;
        }
        try {
            return key(secret).length >= 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] mac(String secret, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String missing(String value, String header) {
        return isBlank(value) ? header + ", " : "";
    }
}
