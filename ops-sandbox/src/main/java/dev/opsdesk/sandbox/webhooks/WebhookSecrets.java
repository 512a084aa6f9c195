package dev.opsdesk.sandbox.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** The payment providers whose callbacks the sandbox receives, and their default signing secrets. */
public final class WebhookSecrets {

    /** The providers, as they appear in {@code /webhooks/payments/{provider}}. */
    public static final List<String> PROVIDERS = List.of("stripe", "adyen", "paypal");

    private WebhookSecrets() {
    }

    public static boolean isProvider(String provider) {
        return provider != null && PROVIDERS.contains(provider);
    }

    /** The provider name in lower case if it is one, else an exception naming the known ones. */
    public static String provider(String name) {
        String p = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!isProvider(p)) {
            throw new IllegalArgumentException("unknown payment provider '" + name + "'; known: "
                    + String.join(", ", PROVIDERS));
        }
        return p;
    }

    /**
     * The secret a provider gets when none is configured: {@code whsec_} plus the base64 of 24 bytes derived from the
     * seed and the provider, so the same seed always gives the same secrets (and a training handout stays valid).
     */
    public static String defaultSecret(long seed, String provider) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("ops-sandbox-webhook-secret:" + seed + ":" + provider).getBytes(StandardCharsets.UTF_8));
            return StandardWebhooks.SECRET_PREFIX + Base64.getEncoder().encodeToString(Arrays.copyOf(digest, 24));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
