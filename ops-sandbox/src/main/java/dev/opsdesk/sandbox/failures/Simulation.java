package dev.opsdesk.sandbox.failures;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The sandbox's stand-ins for the systems around the platform (payment service, ERP, WMS, carriers), which time out or
 * reject now and then. Every decision is a pure function of the seed, the item and the attempt number, so a test (or
 * a trainer) can rely on it and a preview can say what a replay will do.
 */
public final class Simulation {

    /** Percent of verified callbacks whose processing times out in the payment service on arrival. */
    static final int INTAKE_TIMEOUT_PERCENT = 4;
    /** Percent of replays of a timed-out payment callback that time out again. */
    static final int PAYMENT_REPLAY_TIMEOUT_PERCENT = 34;
    /** Percent of replays of an inventory sync or fulfillment export that are rejected again. */
    static final int DOWNSTREAM_FAILS_AGAIN_PERCENT = 25;

    private final long seed;

    public Simulation(long seed) {
        this.seed = seed;
    }

    /** Whether processing the callback {@code webhookId} from {@code provider} times out when it arrives. */
    public boolean intakeTimesOut(String provider, String webhookId) {
        return percentile("intake", provider + "/" + webhookId, 0) < INTAKE_TIMEOUT_PERCENT;
    }

    /** Whether attempt {@code attempt} of a payment callback that timed out before times out again. */
    public boolean paymentReplayTimesOut(String failureId, int attempt) {
        return percentile("payment-replay", failureId, attempt) < PAYMENT_REPLAY_TIMEOUT_PERCENT;
    }

    /** Whether attempt {@code attempt} of an inventory sync or fulfillment export is rejected again. */
    public boolean downstreamFailsAgain(String failureId, int attempt) {
        return percentile("downstream", failureId, attempt) < DOWNSTREAM_FAILS_AGAIN_PERCENT;
    }

    /** 0..99, uniformly, from the seed and the inputs. */
    private int percentile(String kind, String key, int attempt) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((seed + "|" + kind + "|" + key + "|" + attempt).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return (int) Long.remainderUnsigned(v, 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
