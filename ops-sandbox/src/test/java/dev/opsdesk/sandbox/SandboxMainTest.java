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

    @Test
    void startsAndPrintsItsUrlAndTheDemoUsers() {
        SandboxMain.Launch launch = launch("--port", "0", "--seed", "5");
        try {
            assertThat(launch.exitCode()).isZero();
            assertThat(out()).contains("running at " + launch.server().baseUri())
                    .contains("USERNAME").contains("PASSWORD")
                    .contains("warehouse").contains("WH-1, WH-2").contains("sandbox");
            assertThat(out().lines().filter(l -> l.contains("sandbox") && l.startsWith("  "))).hasSize(7);
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
}
