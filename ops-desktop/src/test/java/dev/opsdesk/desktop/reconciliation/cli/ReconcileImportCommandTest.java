package dev.opsdesk.desktop.reconciliation.cli;

import com.sun.net.httpserver.HttpServer;
import dev.opsdesk.desktop.export.cli.ExitCode;
import dev.opsdesk.desktop.testing.TestSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reconcile import} against the real sandbox, as a scheduled job or a person at a terminal runs it. */
class ReconcileImportCommandTest {

    private static final Map<String, String> FINANCE = Map.of("OPS_DESK_PASSWORD", "sandbox");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return ReconcileCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String server() {
        return TestSandbox.shared().baseUri().toString();
    }

    private Path fixture(String name) throws Exception {
        Path copy = dir.resolve(name);
        Files.copy(Path.of(ReconcileImportCommandTest.class.getResource("/settlement/" + name).toURI()), copy);
        return copy;
    }

    @Test
    void aBrokenFileIsRefusedNamingLineAndColumnAndNothingIsSent() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        web.start();
        try {
            String text = Files.readString(fixture("paypal-settlement.STL-20261205.01.009.csv"))
                    .replace("\"DR\",4000", "\"DR\",40x0");
            Path file = Files.writeString(dir.resolve("STL-broken.csv"), text);

            int code = run(FINANCE, "import", file.toString(), "--server",
                    "http://127.0.0.1:" + web.getAddress().getPort(), "--user", "finance");

            assertThat(code).isEqualTo(ReconcileCommand.DATA_ERROR);
            assertThat(err.toString()).contains("line 7, column \"Gross Transaction Amount\"").contains("nothing was sent");
            assertThat(out.toString()).isEmpty();
            assertThat(requests).hasValue(0);
        } finally {
            web.stop(0);
        }
    }

    @Test
    void withoutAPasswordInTheEnvironmentItSaysWhichVariableToSet() throws Exception {
        int code = run(Map.of(), "import", fixture("adyen-settlement-details.csv").toString(), "--server", server(),
                "--user", "finance");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("no password for finance").contains("OPS_DESK_PASSWORD");
    }

    @Test
    void aPasswordOnTheCommandLineIsRefused() throws Exception {
        int code = run(FINANCE, "import", fixture("adyen-settlement-details.csv").toString(), "--server", server(),
                "--user", "finance", "--password", "sandbox");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("set OPS_DESK_PASSWORD instead");
    }

    @Test
    void aClosedPortIsReportedAsUnreachableAsExportDoes() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        int code = run(FINANCE, "import", fixture("adyen-settlement-details.csv").toString(), "--server",
                "http://127.0.0.1:" + port, "--user", "finance");

        assertThat(code).isEqualTo(ExitCode.SERVER_UNREACHABLE);
        assertThat(err.toString()).contains("cannot reach the server at http://127.0.0.1:" + port)
                .contains("Check --server");
        assertThat(out.toString()).contains("adyen").contains("6 lines"); // the preview came first
    }

    @Test
    void aWrongPasswordIsNotSignedIn() throws Exception {
        int code = run(Map.of("OPS_DESK_PASSWORD", "not-the-password"), "import",
                fixture("adyen-settlement-details.csv").toString(), "--server", server(), "--user", "finance");

        assertThat(code).isEqualTo(ExitCode.NOT_SIGNED_IN);
        assertThat(err.toString()).contains("wrong user name or password for finance");
    }

    @Test

    void financeImportsAFileAndGetsTheRunWithItsOpenExceptions() throws Exception {
        // A day's Adyen report (the hand-written fixture spans months: more than a run's period may).
        Path file = java.nio.file.Files.createTempFile("adyen-day", ".csv");
        dev.opsdesk.desktop.reconciliation.SettlementImportBenchmark.generate(file, 40, 77,
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3));
        int code = run(FINANCE, "import", file.toString(), "--server", server(), "--user", "finance",
                "--allow-duplicate");

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("adyen").containsPattern("run R-\\d+: IN_REVIEW, \\d+ open exceptions?").contains("MISSING_IN_PLATFORM");
        assertThat(err.toString()).contains("Uploading").contains("Matching");
    }

    @Test

    void theSameFileAgainIsRefusedNamingTheRunThatHoldsIt() throws Exception {
        Path file = fixture("stripe-balance-change.itemized.csv");
        assertThat(run(FINANCE, "import", file.toString(), "--server", server(), "--user", "finance",
                "--allow-duplicate")).as(err.toString()).isEqualTo(ExitCode.OK);
        String holder = out.toString().replaceAll("(?s).*run (\\S+):.*", "$1");
        err.reset();

        int code = run(FINANCE, "import", file.toString(), "--server", server(), "--user", "finance");

        assertThat(code).isEqualTo(ReconcileCommand.DUPLICATE_FILE);
        assertThat(err.toString()).contains(holder).contains("--allow-duplicate");
    }
}
