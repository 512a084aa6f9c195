package dev.opsdesk.sandbox.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Verification against the test vector the Standard Webhooks specification publishes (and its reference libraries
 * test with), then each way a webhook can fail, failing for its own reason.
 */
class StandardWebhooksTest {

    // The specification's published vector.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final Instant SENT = Instant.ofEpochSecond(1614265330);
    private static final Duration TOLERANCE = StandardWebhooks.DEFAULT_TOLERANCE;

    private static StandardWebhooks.Verification verify(String signature, byte[] body, Instant now) {
        return StandardWebhooks.verify(SECRET, ID, TIMESTAMP, body, signature, now, TOLERANCE);
    }

    @Test
    void signingTheSpecificationsVectorGivesItsSignature() {
        assertThat(StandardWebhooks.sign(SECRET, ID, 1614265330L, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void theSpecificationsVectorVerifies() {
        StandardWebhooks.Verification v = verify(SIGNATURE, BODY, SENT);
        assertThat(v.ok()).as(v.message()).isTrue();
    }

    @Test
    void aRotatedSecretHeaderWithOneStaleAndOneValidSignatureVerifies() {
        String stale = StandardWebhooks.sign("whsec_" + java.util.Base64.getEncoder()
                .encodeToString("an-old-secret-of-24-bytes".getBytes(StandardCharsets.UTF_8)), ID, 1614265330L, BODY);
        assertThat(stale).isNotEqualTo(SIGNATURE);
        assertThat(verify(stale + " " + SIGNATURE, BODY, SENT).ok()).isTrue();
        assertThat(verify(stale, BODY, SENT).rejection()).isEqualTo(StandardWebhooks.Rejection.SIGNATURE_INVALID);
    }

    @Test
    void otherVersionsAndGarbageInTheListAreIgnored() {
        assertThat(verify("v2,abc v1a,xyz v1,!!notbase64!! " + SIGNATURE, BODY, SENT).ok()).isTrue();
        StandardWebhooks.Verification none = verify("v2," + SIGNATURE.substring(3), BODY, SENT);
        assertThat(none.rejection()).isEqualTo(StandardWebhooks.Rejection.SIGNATURE_INVALID);
        assertThat(none.message()).contains("no v1 signature");
    }

    @Test
    void aOneByteChangeOfTheBodyFailsTheSignature() {
        byte[] changed = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        StandardWebhooks.Verification v = verify(SIGNATURE, changed, SENT);
        assertThat(v.rejection()).isEqualTo(StandardWebhooks.Rejection.SIGNATURE_INVALID);
        assertThat(v.message()).contains("No signature matches");
    }

    @Test
    void anotherIdOrTimestampFailsTheSignature() {
        assertThat(StandardWebhooks.verify(SECRET, ID + "x", TIMESTAMP, BODY, SIGNATURE, SENT, TOLERANCE).rejection())
                .isEqualTo(StandardWebhooks.Rejection.SIGNATURE_INVALID);
        assertThat(StandardWebhooks.verify(SECRET, ID, "1614265331", BODY, SIGNATURE, SENT, TOLERANCE).rejection())
                .isEqualTo(StandardWebhooks.Rejection.SIGNATURE_INVALID);
    }

    @Test
    void aTimestampOneSecondInsideTheToleranceIsAccepted() {
        assertThat(verify(SIGNATURE, BODY, SENT.plus(TOLERANCE).minusSeconds(1)).ok()).isTrue();
        assertThat(verify(SIGNATURE, BODY, SENT.minus(TOLERANCE).plusSeconds(1)).ok()).isTrue();
        assertThat(verify(SIGNATURE, BODY, SENT.plus(TOLERANCE)).ok()).as("exactly at the edge").isTrue();
    }

    @Test
    void aTimestampOneSecondOutsideTheToleranceIsRejectedForItsTimestamp() {
        StandardWebhooks.Verification old = verify(SIGNATURE, BODY, SENT.plus(TOLERANCE).plusSeconds(1));
        assertThat(old.rejection()).isEqualTo(StandardWebhooks.Rejection.TIMESTAMP_OUT_OF_TOLERANCE);
        assertThat(old.message()).contains("301 s in the past");
        StandardWebhooks.Verification future = verify(SIGNATURE, BODY, SENT.minus(TOLERANCE).minusSeconds(1));
        assertThat(future.rejection()).isEqualTo(StandardWebhooks.Rejection.TIMESTAMP_OUT_OF_TOLERANCE);
        assertThat(future.message()).contains("in the future");
    }

    @Test
    void missingHeadersAndANonNumericTimestampAreRejected() {
        StandardWebhooks.Verification missing = StandardWebhooks.verify(SECRET, null, TIMESTAMP, BODY, " ", SENT,
                TOLERANCE);
        assertThat(missing.rejection()).isEqualTo(StandardWebhooks.Rejection.SIGNATURE_INVALID);
        assertThat(missing.message()).isEqualTo("Missing header(s): webhook-id, webhook-signature.");
        assertThat(StandardWebhooks.verify(SECRET, ID, "yesterday", BODY, SIGNATURE, SENT, TOLERANCE).rejection())
                .isEqualTo(StandardWebhooks.Rejection.TIMESTAMP_OUT_OF_TOLERANCE);
    }

    @Test
    void secretsAreCheckedAndDefaultsAreDerivedFromTheSeed() {
        assertThat(StandardWebhooks.isValidSecret(SECRET)).isTrue();
        assertThat(StandardWebhooks.isValidSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isFalse();
        assertThat(StandardWebhooks.isValidSecret("whsec_not base64!")).isFalse();
        assertThat(StandardWebhooks.isValidSecret("whsec_c2hvcnQ=")).as("too short").isFalse();
        String stripe = WebhookSecrets.defaultSecret(42, "stripe");
        assertThat(stripe).startsWith("whsec_").isEqualTo(WebhookSecrets.defaultSecret(42, "stripe"))
                .isNotEqualTo(WebhookSecrets.defaultSecret(43, "stripe"))
                .isNotEqualTo(WebhookSecrets.defaultSecret(42, "adyen"));
        assertThat(StandardWebhooks.key(stripe)).hasSize(24);
    }

    @Test
    void extremeTimestampsAreOutOfToleranceNotOverflowedIntoIt() {
        long now = SENT.getEpochSecond();
        // Long.MIN_VALUE + now made "timestamp - now" exactly Long.MIN_VALUE, whose Math.abs is negative.
        for (long timestamp : new long[] {Long.MIN_VALUE + now, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE,
                Long.MAX_VALUE - now, -1, 0, now - 301, now + 301}) {
            String ts = Long.toString(timestamp);
            String signature = StandardWebhooks.sign(SECRET, ID, timestamp, BODY);
            StandardWebhooks.Verification v = StandardWebhooks.verify(SECRET, ID, ts, BODY, signature, SENT, TOLERANCE);
            assertThat(v.rejection()).as("timestamp %s: %s", ts, v.message())
                    .isEqualTo(StandardWebhooks.Rejection.TIMESTAMP_OUT_OF_TOLERANCE);
        }
        for (long timestamp : new long[] {now - 300, now, now + 300}) {
            String signature = StandardWebhooks.sign(SECRET, ID, timestamp, BODY);
            assertThat(StandardWebhooks.verify(SECRET, ID, Long.toString(timestamp), BODY, signature, SENT, TOLERANCE)
                    .ok()).as("timestamp %s", timestamp).isTrue();
        }
    }
}
