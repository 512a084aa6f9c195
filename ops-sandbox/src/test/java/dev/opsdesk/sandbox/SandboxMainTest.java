package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command line, without System.exit: {@link SandboxMain#launch} returns the exit code. */
class SandboxMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private SandboxMain.Launch launch(String... args) {
        return SandboxMain.launch(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aNonLoopbackBindWithoutADemoPasswordIsRefused() {
        SandboxMain.Launch launch = launch("--bind", "0.0.0.0", "--port", "0");
        assertThat(launch.exitCode()).isEqualTo(2);
        assertThat(launch.server()).isNull();
        assertThat(err()).contains("refusing to listen on 0.0.0.0").contains("--demo-password");
    }

    @Test
    void unknownOptionsAndBadValuesPrintUsage() {
        for (String[] args : new String[][] {
                {"--verbose"}, {"--port"}, {"--port", "http"}, {"--port", "70000"}, {"--seed", "x"},
                {"--token-ttl", "soon"}, {"--token-ttl", "0"}, {"--bind", ""}, {"positional"}}) {
            err.reset();
            assertThat(launch(args).exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err()).contains("Usage: java -jar ops-sandbox.jar");
        }
    }

    @Test
    void helpPrintsUsageAndStartsNothing() {
        SandboxMain.Launch launch = launch("--help");
        assertThat(launch.exitCode()).isZero();
        assertThat(launch.server()).isNull();
        assertThat(out()).contains("--data-dir DIR").contains("--token-ttl");
    }

    @Test
    void everyOptionIsParsed() throws Exception {
        SandboxOptions o = SandboxMain.parse(new String[] {"--port", "9000", "--bind=0.0.0.0", "--data-dir", "/tmp/x",
                "--seed", "7", "--demo-password", "pw", "--token-ttl", "90"}).options();
        assertThat(o.port()).isEqualTo(9000);
        assertThat(o.bind()).isEqualTo("0.0.0.0");
        assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.demoPassword()).isEqualTo("pw");
        assertThat(o.tokenTtl()).isEqualTo(Duration.ofMinutes(90));
        assertThat(SandboxMain.parse(new String[] {"--token-ttl", "PT2H"}).options().tokenTtl())
                .isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--nope"}))
                .isInstanceOf(SandboxMain.UsageException.class);
    }

    private static final String STRIPE = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("stripe-secret-of-24-bytes".getBytes(StandardCharsets.UTF_8));
    private static final String ADYEN = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("adyen-secret-of-24-bytes!".getBytes(StandardCharsets.UTF_8));

    @Test
    void webhookSecretsTrafficAndScaleAreParsed() throws Exception {
        SandboxOptions o = SandboxMain.parse(new String[] {"--webhook-secret", "stripe=" + STRIPE,
                "--webhook-secret=adyen=" + ADYEN, "--traffic", "--scale", "large"}).options();
        assertThat(o.webhookSecret("stripe")).isEqualTo(STRIPE);
        assertThat(o.webhookSecret("adyen")).isEqualTo(ADYEN);
        assertThat(o.webhookSecret("paypal")).isEqualTo(SandboxOptions.defaults().webhookSecret("paypal"));
        assertThat(o.traffic()).isTrue();
        assertThat(o.scale()).isEqualTo(Scale.LARGE);
        SandboxOptions plain = SandboxMain.parse(new String[0]).options();
        assertThat(plain.traffic()).isFalse();
        assertThat(plain.scale()).isEqualTo(Scale.SMALL);
        assertThat(SandboxMain.parse(new String[] {"--traffic=false"}).options().traffic()).isFalse();
    }

    @Test
    void theEnvironmentSetsSecretsAndTheCommandLineWins() throws Exception {
        java.util.Map<String, String> env = java.util.Map.of("OPS_SANDBOX_WEBHOOK_SECRET_STRIPE", ADYEN,
                "OPS_SANDBOX_WEBHOOK_SECRET_PAYPAL", STRIPE);
        SandboxOptions fromEnv = SandboxMain.parse(new String[0], env).options();
        assertThat(fromEnv.webhookSecret("stripe")).isEqualTo(ADYEN);
        assertThat(fromEnv.webhookSecret("paypal")).isEqualTo(STRIPE);
        SandboxOptions overridden = SandboxMain.parse(new String[] {"--webhook-secret", "stripe=" + STRIPE}, env)
                .options();
        assertThat(overridden.webhookSecret("stripe")).isEqualTo(STRIPE);
        assertThatThrownBy(() -> SandboxMain.parse(new String[0],
                java.util.Map.of("OPS_SANDBOX_WEBHOOK_SECRET_ADYEN", "plain")))
                .isInstanceOf(SandboxMain.UsageException.class)
                .hasMessageContaining("OPS_SANDBOX_WEBHOOK_SECRET_ADYEN");
    }

    @Test
    void badWebhookSecretsAndScalesPrintUsageWithoutTheSecret() {
        for (String[] args : new String[][] {
                {"--webhook-secret", STRIPE}, {"--webhook-secret", "klarna=" + STRIPE},
                {"--webhook-secret", "stripe=not-a-whsec-secret"}, {"--webhook-secret", "stripe=whsec_c2hvcnQ="},
                {"--scale", "huge"}, {"--traffic=maybe"}}) {
            err.reset();
            assertThat(launch(args).exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err()).contains("Usage: java -jar ops-sandbox.jar")
                    .doesNotContain(STRIPE.substring(6)).doesNotContain("c2hvcnQ=");
        }
    }

    @Test
    void startsAndPrintsItsUrlAndTheDemoUsers() {
        SandboxMain.Launch launch = launch("--port", "0", "--seed", "5");
        try {
            assertThat(launch.exitCode()).isZero();
            assertThat(out()).contains("running at " + launch.server().baseUri())
                    .contains("USERNAME").contains("PASSWORD")
                    .contains("warehouse").contains("WH-1, WH-2").contains("sandbox");
            assertThat(out().lines().filter(l -> l.contains("sandbox") && l.startsWith("  "))).hasSize(7);
            assertThat(out()).contains(launch.server().baseUri() + "/webhooks/payments/{provider}")
                    .contains("stripe  " + launch.server().webhookSecret("stripe"))
                    .contains("paypal  " + launch.server().webhookSecret("paypal"))
                    .containsPattern("Seeded \\d+ failures \\(small\\) in \\d+\\.\\d s");
        } finally {
            if (launch.server() != null) {
                launch.server().close();
            }
        }
    }

    @Test
    void aPortInUseIsReportedAsAStartFailure() {
        try (SandboxServer running = SandboxServer.start(SandboxOptions.defaults().withPort(0))) {
            SandboxMain.Launch launch = launch("--port", Integer.toString(running.port()));
            assertThat(launch.exitCode()).isEqualTo(1);
            assertThat(err()).contains("could not start");
        }
    }

    @Test
    void offLoopbackTheWebhookSecretsAreRandomUnlessGivenAndPrintedOnce() {
        String stripe = "whsec_" + java.util.Base64.getEncoder().encodeToString("a-stripe-secret-of-24-bytes"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SandboxMain.Launch launch = launch("--port", "0", "--bind", "0.0.0.0", "--demo-password", "pw-network",
                "--webhook-secret", "stripe=" + stripe);
        try {
            assertThat(launch.exitCode()).isZero();
            SandboxServer server = launch.server();
            String adyen = server.webhookSecret("adyen");
            assertThat(server.webhookSecret("stripe")).isEqualTo(stripe);
            assertThat(adyen).startsWith("whsec_")
                    .isNotEqualTo(dev.opsdesk.sandbox.webhooks.WebhookSecrets.defaultSecret(42, "adyen"));
            assertThat(out().split(java.util.regex.Pattern.quote(adyen), -1)).hasSize(2);
            // The public, seed-derived secret signs nothing here.
            String id = "msg_public_secret_1";
            long now = server.options().clock().instant().getEpochSecond();
            String body = Webhooks.event("payment.succeeded", "ORD-PUBLIC-1", "pi_public_1", 100, "EUR");
            String forged = dev.opsdesk.sandbox.webhooks.StandardWebhooks.sign(
                    dev.opsdesk.sandbox.webhooks.WebhookSecrets.defaultSecret(42, "adyen"), id, now,
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(Webhooks.send(server, "adyen", id, now, body, forged).status()).isEqualTo(401);
        } finally {
            if (launch.server() != null) {
                launch.server().close();
            }
        }
        try (SandboxServer other = SandboxServer.start(SandboxOptions.defaults().withPort(0).withBind("0.0.0.0")
                .withDemoPassword("pw-network"))) {
            assertThat(other.webhookSecret("paypal"))
                    .isNotEqualTo(dev.opsdesk.sandbox.webhooks.WebhookSecrets.defaultSecret(42, "paypal"));
        }
    }
}
