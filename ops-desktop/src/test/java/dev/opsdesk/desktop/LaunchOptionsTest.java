package dev.opsdesk.desktop;

import dev.opsdesk.desktop.shell.AppVersion;
import dev.opsdesk.desktop.shell.LaunchOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class LaunchOptionsTest {

    @Test
    void serverAndSandboxFlags() {
        assertThat(LaunchOptions.parse(List.of(), new Properties()).server()).isNull();
        assertThat(LaunchOptions.parse(List.of("--server", "https://ops.example.com"), new Properties()).server())
                .isEqualTo("https://ops.example.com");
        assertThat(LaunchOptions.parse(List.of("--server=https://x"), new Properties()).server()).isEqualTo("https://x");
        assertThat(LaunchOptions.parse(List.of("--server", "https://x", "--sandbox"), new Properties()).server()).isNull();
    }

    @Test
    void problemsAreReported() {
        assertThat(LaunchOptions.parse(List.of("--server"), new Properties()).problems()).containsExactly("--server needs a URL");
        assertThat(LaunchOptions.parse(List.of("--frobnicate"), new Properties()).problems())
                .containsExactly("Unknown option: --frobnicate");
    }

    @Test
    void benchmarkPropertiesAreRead() {
        Properties p = new Properties();
        p.setProperty("opsdesk.autoSignIn", "ops");
        p.setProperty("opsdesk.exitAfterShown", "true");

        LaunchOptions options = LaunchOptions.parse(List.of(), p);

        assertThat(options.autoSignIn()).isEqualTo("ops");
        assertThat(options.exitAfterShown()).isTrue();
        assertThat(options.exitAfterData()).isFalse();
    }

    @Test
    void theTrainingRunWaitsForTheDataBeforeExiting() {
        Properties p = new Properties();
        p.setProperty("opsdesk.exitAfterShown", "data");

        LaunchOptions options = LaunchOptions.parse(List.of(), p);

        assertThat(options.exitAfterShown()).isTrue();
        assertThat(options.exitAfterData()).isTrue();
    }

    @Test
    void onlyAKnownSubcommandLeavesTheGui() {
        assertThat(Main.isSubcommand(new String[] {"--server", "x"})).isFalse();
        assertThat(Main.isSubcommand(new String[] {})).isFalse();
        assertThat(Main.isSubcommand(new String[] {"export", "failures"})).isTrue();
        assertThat(Main.isSubcommand(new String[] {"--server", "export"})).isFalse();
        assertThat(Main.isSubcommand(new String[] {"Export"})).isFalse();
    }

    @Test
    void versionAndSelfCheckAreRecognised() {
        assertThat(LaunchOptions.wantsVersion(List.of("--version"))).isTrue();
        assertThat(LaunchOptions.wantsSelfCheck(List.of("--self-check"))).isTrue();
        assertThat(LaunchOptions.wantsSelfCheck(List.of("--server", "x"))).isFalse();
        assertThat(LaunchOptions.USAGE).contains("--version", "--self-check");
    }

    @Test
    void theVersionComesFromTheBuild() {
        // Maven filters the pom's version into the resource; unfiltered it would read "${project.version}".
        assertThat(AppVersion.current()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
