package dev.opsdesk.desktop.export.cli;

import com.sun.net.httpserver.HttpServer;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.OpsClientConfig;
import dev.opsdesk.client.AuditService;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.client.model.AuditFilter;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.desktop.Main;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ops-desktop export} against the real sandbox, started in-process. */
class ExportCommandTest {

    private static final String PASSWORD = "sandbox";
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static SandboxServer sandbox;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private int run(Map<String, String> env, String... args) {
        return ExportCommand.run(Main.exportDatasets(), args, env, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private String server() {
        return sandbox.baseUri().toString();
    }

    /** What the API lists for {@code user}: the rows an export must hold. */
    private static <T> List<T> fromApi(String user, Function<OpsClient, Iterable<T>> rows) {
        try (OpsClient client = OpsClient.create(OpsClientConfig.builder(sandbox.baseUri()).build())) {
            client.sessions().signIn(user, PASSWORD.toCharArray());
            List<T> all = new ArrayList<>();
            rows.apply(client).forEach(all::add);
            return all;
        }
    }

    private static List<Failure> fromApi(String user, FailureFilter filter) {
        return fromApi(user, client -> client.failures().all(filter));
    }

    private static List<AuditEvent> auditFromApi(String user, AuditFilter filter) {
        return fromApi(user, client -> client.audit().all(filter, AuditService.Direction.NEWEST_FIRST));
    }

    private List<Path> filesInDir() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void exportsToCsvExactlyTheFailuresTheApiListsForTheFilter() throws Exception {
        Path file = dir.resolve("payments.csv");

        int code = run(Map.of("OPS_DESK_PASSWORD", PASSWORD), "failures", "--server", server(), "--user", "ops",
                "--format", "csv", "--csv-profile", "standard", "--out", file.toString(), "--queue", "payment_callback",
                "--zone", ZONE.getId());

        assertThat(code).as(err()).isZero();
        List<Failure> expected = fromApi("ops", FailureFilter.queue(Failure.PAYMENT_CALLBACK));
        assertThat(expected).isNotEmpty();
        List<List<String>> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            reader.forEach(r -> records.add(r.getFields()));
        }
        assertThat(records.get(0)).containsExactly("ID", "Queue", "Status", "Reason", "Provider", "Order / item",
                "Order number", "Payment reference", "SKU", "Warehouse", "Amount", "Amount currency",
                "First seen (Europe/Berlin)", "Last attempt (Europe/Berlin)", "Attempts", "Assignee", "Message",
                "SLA due (Europe/Berlin)");
        assertThat(records).hasSize(expected.size() + 1);
        for (int i = 0; i < expected.size(); i++) {
            Failure f = expected.get(i);
            List<String> r = records.get(i + 1);
            assertThat(r.get(0)).isEqualTo(f.id());
            assertThat(r.get(1)).isEqualTo("Payment callbacks");
            assertThat(r.get(6)).isEqualTo(nullToEmpty(f.orderNumber()));
            assertThat(r.get(7)).isEqualTo(nullToEmpty(f.paymentReference()));
            assertThat(r.get(10)).isEqualTo(f.amount() == null ? "" : f.amount().toMajor().toPlainString());
            assertThat(r.get(11)).isEqualTo(f.amount() == null ? "" : f.amount().currency());
            assertThat(OffsetDateTime.parse(r.get(12)).toInstant()).isEqualTo(f.firstSeenAt());
            assertThat(r.get(14)).isEqualTo(Integer.toString(f.attemptCount()));
            assertThat(r.get(16)).isEqualTo(expectedText(f.message()));
        }
        assertThat(out()).startsWith("Exported " + String.format("%,d", expected.size()) + " rows to " + file)
                .as("a CSV file has no sheets").doesNotContain("sheet");
        assertThat(out().lines()).hasSize(1);
    }

    @Test
    void exportsToXlsxWhatTheSignedInUserMaySee() throws Exception {
        Path file = dir.resolve("support.xlsx");

        int code = run(Map.of("OPS_DESK_PASSWORD", PASSWORD), "export", "failures", "--server", server(), "--user",
                "support", "--out", file.toString(), "--zone", ZONE.getId(), "--status", "OPEN");

        assertThat(code).as(err()).isZero();
        // support reads only the payment queue: the server narrows the filter, the export follows.
        List<Failure> expected = fromApi("support", FailureFilter.none().withStatus("OPEN"));
        assertThat(expected).isNotEmpty().allMatch(f -> f.queue().equals(Failure.PAYMENT_CALLBACK));
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("Failures");
            assertThat(sheet.getLastRowNum()).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                Failure f = expected.get(i);
                Row r = sheet.getRow(i + 1);
                assertThat(r.getCell(0).getStringCellValue()).isEqualTo(f.id());
                assertThat(r.getCell(2).getStringCellValue()).isEqualTo("Open");
                if (f.amount() != null) {
                    assertThat(r.getCell(10).getNumericCellValue()).isEqualTo(f.amount().toMajor().doubleValue());
                    assertThat(r.getCell(10).getCellStyle().getDataFormatString()).contains("\"" + f.amount().currency() + "\"");
                }
                assertThat(DateUtil.isCellDateFormatted(r.getCell(11))).isTrue();
                assertThat(r.getCell(11).getLocalDateTimeCellValue())
                        .isEqualTo(LocalDateTime.ofInstant(f.firstSeenAt(), ZONE).withNano(f.firstSeenAt().getNano() / 1_000_000 * 1_000_000));
            }
        }
        assertThat(filesInDir()).containsExactly(file);
    }

    @Test
    void aReconciliationRunsReportIsOneWorkbookWithItsFourTablesOrOneCsvFilePerTable() throws Exception {
        dev.opsdesk.client.model.Reconciliation.Run run = fromApi("auditor", c -> c.reconciliation().runs(
                dev.opsdesk.client.model.Reconciliation.RunFilter.all(),
                dev.opsdesk.client.model.PageRequest.first(50)).items()).stream()
                .filter(r -> r.state() == dev.opsdesk.client.model.Reconciliation.State.APPROVED).findFirst()
                .orElseThrow();
        Path file = dir.resolve("run.xlsx");

        int code = run(Map.of("OPS_DESK_PASSWORD", PASSWORD), "export", "reconciliation", "--run", run.id(),
                "--server", server(), "--user", "auditor", "--out", file.toString(), "--zone", ZONE.getId());

        assertThat(code).as(err()).isZero();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2), wb.getSheetName(3)))
                    .containsExactly("Summary", "Matched", "Exceptions", "Unmatched payments");
            XSSFSheet summary = wb.getSheet("Summary");
            assertThat(summary.getRow(1).getCell(1).getStringCellValue()).isEqualTo(run.id());
            int matched = run.summary().matchedLines();
            assertThat(wb.getSheet("Matched").getLastRowNum()).isEqualTo(matched);
        }

        Path csv = dir.resolve("run.csv");
        assertThat(run(Map.of("OPS_DESK_PASSWORD", PASSWORD), "export", "reconciliation", "--run", run.id(),
                "--server", server(), "--user", "auditor", "--out", csv.toString())).as(err()).isZero();
        assertThat(dir.resolve("run-summary.csv")).exists();
        assertThat(dir.resolve("run-exceptions.csv")).exists();
        assertThat(Files.readAllLines(dir.resolve("run-matched.csv"))).hasSize(run.summary().matchedLines() + 1);

        assertThat(run(Map.of("OPS_DESK_PASSWORD", PASSWORD), "export", "reconciliation", "--run", "R-000001",
                "--server", server(), "--user", "support", "--out", dir.resolve("no.xlsx").toString()))
                .as("support may not read reconciliations").isNotZero();
        assertThat(dir.resolve("no.xlsx")).doesNotExist();
    }

    @Test
    void aTokenFromTheEnvironmentIsEnough() {
        String token;
        try (OpsClient client = OpsClient.create(OpsClientConfig.builder(sandbox.baseUri()).build())) {
            token = client.sessions().signIn("auditor", PASSWORD.toCharArray()).token();
        }
        Path file = dir.resolve("audit.csv");

        int code = run(Map.of("OPS_DESK_TOKEN", token), "failures", "--server", server(), "--out", file.toString(),
                "--reason", "ORDER_NOT_FOUND");

        assertThat(code).as(err()).isZero();
        assertThat(file).exists();
    }

    @Test
    void aClosedPortIsReportedAsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        int code = run(Map.of("OPS_DESK_PASSWORD", PASSWORD), "failures", "--server", "http://127.0.0.1:" + port,
                "--user", "ops", "--out", dir.resolve("x.csv").toString());

        assertThat(code).isEqualTo(ExitCode.SERVER_UNREACHABLE);
        assertThat(err()).contains("cannot reach the server at http://127.0.0.1:" + port).contains("Check --server");
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void aServerThatIsNotAnOpsApiIsReportedAsSuch() throws Exception {
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            byte[] page = "<html><body>Welcome to our shop</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        web.start();
        try {
            int code = run(Map.of("OPS_DESK_PASSWORD", PASSWORD), "failures", "--server",
                    "http://127.0.0.1:" + web.getAddress().getPort(), "--user", "ops", "--out", dir.resolve("x.csv").toString());

            assertThat(code).isEqualTo(ExitCode.SERVER_UNREACHABLE);
            assertThat(err()).contains("is not an ops API");
        } finally {
            web.stop(0);
        }
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void aWrongPasswordIsReported() throws Exception {
        int code = run(Map.of("OPS_DESK_PASSWORD", "not-the-password"), "failures", "--server", server(),
                "--user", "approver", "--out", dir.resolve("x.csv").toString());

        assertThat(code).isEqualTo(ExitCode.NOT_SIGNED_IN);
        assertThat(err()).contains("wrong user name or password for approver");
        assertThat(err()).doesNotContain("not-the-password");
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void anExpiredOrUnknownTokenIsReported() throws Exception {
        int code = run(Map.of("OPS_DESK_TOKEN", "no-such-token"), "failures", "--server", server(),
                "--out", dir.resolve("x.csv").toString());

        assertThat(code).isEqualTo(ExitCode.NOT_SIGNED_IN);
        assertThat(err()).contains("OPS_DESK_TOKEN was not accepted");
        assertThat(filesInDir()).isEmpty();
    }

    /** The dataset's permission is checked before anything is fetched; the message names it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "failures | warehouse | user warehouse may not read failures (the server grants no failures.read)",
            "audit    | ops       | user ops may not export the audit trail (the server grants no audit.export)"})
    void aUserWithoutTheDatasetsPermissionIsRefused(String dataset, String user, String message) throws Exception {
        int code = run(Map.of("OPS_DESK_PASSWORD", PASSWORD), dataset, "--server", server(), "--user", user,
                "--out", dir.resolve(user + ".xlsx").toString());

        assertThat(code).isEqualTo(ExitCode.FORBIDDEN);
        assertThat(err()).contains(message).contains("nothing was exported");
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void anUnwritableOutputIsRefusedBeforeAnythingIsFetched() throws Exception {
        // The server address is unreachable: had anything been fetched first, the exit code would be 3.
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path missingFolder = dir.resolve("no-such-folder").resolve("x.csv");

        int code = run(Map.of("OPS_DESK_PASSWORD", PASSWORD), "failures", "--server", "http://127.0.0.1:" + port,
                "--user", "ops", "--out", missingFolder.toString());

        assertThat(code).isEqualTo(ExitCode.OUTPUT_NOT_WRITABLE);
        assertThat(err()).contains("cannot write " + missingFolder).contains("does not exist").contains("nothing was fetched");
    }

    @Test
    void aFileWhereAFolderShouldBeIsUnwritable() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "x");

        int code = run(Map.of("OPS_DESK_PASSWORD", PASSWORD), "failures", "--server", server(), "--user", "ops",
                "--out", notAFolder.resolve("x.xlsx").toString());

        assertThat(code).isEqualTo(ExitCode.OUTPUT_NOT_WRITABLE);
        assertThat(err()).contains("is not a folder");
    }

    @Test
    void aPasswordOnTheCommandLineIsRejectedWithTheReason() throws Exception {
        int code = run(Map.of(), "failures", "--server", server(), "--user", "ops", "--password", PASSWORD,
                "--out", dir.resolve("x.csv").toString());

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("--password is not accepted").contains("shell history").contains("OPS_DESK_PASSWORD");
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void missingCredentialsAreAUsageError() {
        int code = run(Map.of(), "failures", "--server", server(), "--user", "ops", "--out", dir.resolve("x.csv").toString());

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("no password for ops").contains("OPS_DESK_PASSWORD");
    }

    @Test
    void aFilterTheServerRejectsIsAUsageError() {
        int code = run(Map.of("OPS_DESK_PASSWORD", PASSWORD), "failures", "--server", server(), "--user", "ops",
                "--out", dir.resolve("x.csv").toString(), "--queue", "NO_SUCH_QUEUE");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("the server rejected the filter");
    }

    @Test
    void anAuditorExportsTheTrailToCsvAndTheExportIsRecorded() throws Exception {
        Path file = dir.resolve("trail.csv");
        // Up to now: the export itself (and the sign-in) append events after this.
        Instant until = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        int code = run(Map.of("OPS_DESK_PASSWORD", PASSWORD), "audit", "--server", server(), "--user", "auditor",
                "--format", "csv", "--csv-profile", "standard", "--out", file.toString(), "--action", "failure.*",
                "--until", until.toString(), "--zone", ZONE.getId());

        assertThat(code).as(err()).isZero();
        List<AuditEvent> expected = auditFromApi("auditor", AuditFilter.none().withAction("failure.*").withUntil(until));
        assertThat(expected).hasSizeGreaterThan(1);
        List<List<String>> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            reader.forEach(r -> records.add(r.getFields()));
        }
        assertThat(records.get(0)).containsExactly("Sequence", "Time (Europe/Berlin)", "Actor", "Actor type", "Action",
                "Entity", "Order", "Summary", "Warehouse", "SKU", "Request id", "Correlation id", "Details (JSON)",
                "Previous hash", "Hash");
        assertThat(records.subList(1, records.size())).extracting(r -> r.get(0), r -> r.get(4), r -> r.get(14))
                .containsExactlyElementsOf(expected.stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(Long.toString(e.sequence()), e.action(), e.hash()))
                        .toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(OffsetDateTime.parse(records.get(i + 1).get(1)).toInstant()).isEqualTo(expected.get(i).at());
        }
        assertThat(out()).startsWith("Exported " + String.format("%,d", expected.size()) + " rows to " + file);
        // Through the recorded export endpoint: the trail now says who exported.
        List<AuditEvent> exports = auditFromApi("auditor", AuditFilter.none().withAction("audit.exported")
                .withActor("auditor").withSince(until));
        assertThat(exports).isNotEmpty();
    }

    @Test
    void anAuditExportToXlsxHoldsOneRecordsTimeline() throws Exception {
        AuditEvent some = auditFromApi("auditor", AuditFilter.none().withAction("failure.created")).get(0);
        String entity = some.entityType() + ":" + some.entityId();
        Path file = dir.resolve("timeline.xlsx");

        int code = run(Map.of("OPS_DESK_PASSWORD", PASSWORD), "audit", "--server", server(), "--user", "finance",
                "--out", file.toString(), "--entity", entity, "--zone", ZONE.getId());

        assertThat(code).as(err()).isZero();
        List<AuditEvent> expected = auditFromApi("finance", AuditFilter.none().withEntity(entity));
        assertThat(expected).isNotEmpty();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("Audit trail");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Sequence");
            List<Long> sequences = new ArrayList<>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                sequences.add((long) sheet.getRow(i).getCell(0).getNumericCellValue());
                assertThat(sheet.getRow(i).getCell(5).getStringCellValue()).isEqualTo(entity);
            }
            assertThat(sequences).containsExactlyElementsOf(expected.stream().map(AuditEvent::sequence).toList());
        }
    }

    @Test
    void aFilterTheAuditDatasetDoesNotHaveIsNamed() throws Exception {
        int code = run(Map.of("OPS_DESK_PASSWORD", PASSWORD), "audit", "--server", server(), "--user", "auditor",
                "--out", dir.resolve("x.csv").toString(), "--status", "OPEN");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("--status is not a filter of audit; its filters are --actor, --action, --entity,"
                + " --since, --until");
        assertThat(filesInDir()).isEmpty();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The message as exported: a formula trigger gets a leading quote. */
    private static String expectedText(String s) {
        if (s == null) {
            return "";
        }
        return !s.isEmpty() && "=+-@\t\r\n\0".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }
}
