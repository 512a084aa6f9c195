package dev.opsdesk.desktop.packaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The installer a workstation gets actually starts: builds the .deb with {@code packaging/build.sh}
 * (as a release does), unpacks it into a temporary root with {@code dpkg-deb -x} (nothing is
 * installed, no root rights needed) and runs the bundled launcher with {@code --version} and
 * {@code --self-check} — headless: JavaFX's classes and natives, the client, and the built-in sandbox
 * migrating, seeding and answering over HTTP on the trimmed runtime.
 * <p>
 * Runs in the {@code integration-test} phase of {@code ./mvnw verify}, after the jars are built.
 * Skipped, with the reason printed, where the tools are missing (Windows, macOS, a JRE without
 * jpackage) or when {@code OPSDESK_PACKAGE_CHECK=skip}.
 */
class PackageStartsIT {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();

    @Test
    void theUnpackedDebStartsAndPassesItsSelfCheck(@TempDir Path root) throws Exception {
        skipUnless(!"skip".equals(System.getenv("OPSDESK_PACKAGE_CHECK")), "OPSDESK_PACKAGE_CHECK=skip");
        skipUnless(System.getProperty("os.name").startsWith("Linux"), "not Linux (a .deb is built on Linux)");
        for (String tool : List.of("jpackage", "jlink", "jdeps", "dpkg-deb", "fakeroot", "bash", "unzip")) {
            skipUnless(onPath(tool), tool + " is not on the PATH");
        }

        Path out = REPO.resolve("ops-desktop/target/package-check");
        long started = System.nanoTime();
        // gzip -1 instead of xz: the check needs a .deb that unpacks, not the smallest one (saves minutes).
        Result build = run(List.of("bash", REPO.resolve("packaging/build.sh").toString(), "deb"),
                Map.of("OUT", out.toString(), "DPKG_DEB_COMPRESSOR_TYPE", "gzip", "DPKG_DEB_COMPRESSOR_LEVEL", "1"),
                20);
        System.out.println(build.output());
        assertThat(build.exitCode()).as("packaging/build.sh deb failed:%n%s", build.output()).isZero();
        System.out.printf("PackageStartsIT: build.sh deb took %d s%n", (System.nanoTime() - started) / 1_000_000_000);

        Path deb;
        try (Stream<Path> files = Files.list(out)) {
            deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst().orElseThrow();
        }
        Result unpack = run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), Map.of(), 5);
        assertThat(unpack.exitCode()).as(unpack.output()).isZero();

        Path app = root.resolve("opt/ops-desk");
        Path launcher = app.resolve("bin/OpsDesk");
        assertThat(launcher).isExecutable();
        assertThat(app.resolve("lib/ops-desk-OpsDesk.desktop")).content().contains("Name=Ops Desk", "Icon=");
        assertThat(app.resolve("lib/OpsDesk.png")).exists();
        assertThat(app.resolve("lib/runtime/lib/modules")).exists();

        Result version = run(List.of(launcher.toString(), "--version"), Map.of(), 2);
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).containsPattern("Ops Desk \\d+\\.\\d+\\.\\d+");

        // What the package's install script does at /opt/ops-desk, here at the unpacked path: the AppCDS
        // archive from the class list of the build's training run. -Xshare:on below then fails the
        // start if the archive cannot be mapped.
        Map<String, String> sharing = Map.of();
        Path classList = app.resolve("lib/app/ops-desk.classlist");
        if (Files.exists(classList)) {
            Result archive = run(List.of(app.resolve("lib/app/make-cds-archive.sh").toString(), app.toString()),
                    Map.of(), 5);
            assertThat(archive.exitCode()).as("make-cds-archive.sh failed:%n%s", archive.output()).isZero();
            sharing = Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on");
        } else {
            System.out.println("PackageStartsIT: the package has no class list (no AppCDS training run), "
                    + "so the start is checked without an archive");
        }

        Path config = Files.createDirectories(root.resolve("config"));
        Map<String, String> env = new HashMap<>(sharing);
        env.put("XDG_CONFIG_HOME", config.toString());
        Result selfCheck = run(List.of(launcher.toString(), "--self-check"), env, 5);
        System.out.println(selfCheck.output());
        assertThat(selfCheck.exitCode()).as("the installed app failed its self-check:%n%s", selfCheck.output()).isZero();
        assertThat(selfCheck.output())
                .contains("self-check passed")
                .contains("JavaFX: module javafx.graphics")   // on the module path, not the class path
                .doesNotContain("Unsupported JavaFX configuration");
    }

    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            // Printed as well: a skipped package check must be seen in the build log, not only in a report.
            System.out.println("PackageStartsIT SKIPPED: " + reason);
        }
        assumeTrue(condition, () -> "package check skipped: " + reason);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env, int timeoutMinutes)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(env);
        Process process = builder.start();
        // Read while it runs, so a chatty process never blocks on a full pipe.
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append(e);
            }
        });
        reader.start();
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            reader.join(5_000);
            throw new AssertionError("timed out after " + timeoutMinutes + " min: " + command + "\n" + output);
        }
        reader.join();
        return new Result(process.exitValue(), output.toString());
    }
}
