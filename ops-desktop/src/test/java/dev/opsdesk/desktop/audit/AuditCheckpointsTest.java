package dev.opsdesk.desktop.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The checkpoint memory: per server, in a file next to the settings, surviving a restart. */
class AuditCheckpointsTest {

    @TempDir
    Path folder;

    private static final URI PROD = URI.create("https://Ops.Example.com/");
    private static final URI STAGING = URI.create("https://staging.example.com");

    @Test
    void aCheckpointIsKeptPerServerAndReadBackByANewStore() throws Exception {
        var kept = new AuditCheckpoints.Kept(48_213, "ab".repeat(32), Instant.parse("2026-11-21T12:00:00Z"), "auditor");
        AuditCheckpoints.inFolder(folder).keep(PROD, kept);

        AuditCheckpoints again = AuditCheckpoints.inFolder(folder);
        assertThat(again.load(URI.create("https://ops.example.com"))).as("the same server, written differently")
                .contains(kept);
        assertThat(again.load(STAGING)).isEmpty();
        assertThat(folder.resolve(AuditCheckpoints.FILE_NAME)).exists();

        again.keep(STAGING, new AuditCheckpoints.Kept(7, "cd".repeat(32), null, null));
        again.forget(PROD);
        assertThat(AuditCheckpoints.inFolder(folder).load(PROD)).isEmpty();
        assertThat(AuditCheckpoints.inFolder(folder).load(STAGING)).map(AuditCheckpoints.Kept::sequence).contains(7L);
    }

    @Test
    void aDamagedEntryIsNotTrusted() throws Exception {
        Files.writeString(folder.resolve(AuditCheckpoints.FILE_NAME), """
                https\\://ops.example.com.sequence=12x
                https\\://ops.example.com.hash=abcd
                """);
        assertThat(AuditCheckpoints.inFolder(folder).load(PROD)).isEmpty();
    }

    @Test
    void theBuiltInSandboxIsRememberedOnlyWhileTheAppRuns() throws Exception {
        AuditCheckpoints run = AuditCheckpoints.standard(true);
        URI sandbox = URI.create("http://127.0.0.1:" + (40_000 + (int) (Math.random() * 1000)));
        run.keep(sandbox, new AuditCheckpoints.Kept(3, "ef".repeat(32), null, "ops"));
        assertThat(AuditCheckpoints.forThisRun().load(sandbox)).map(AuditCheckpoints.Kept::sequence).contains(3L);
        run.forget(sandbox);
        assertThat(AuditCheckpoints.inMemory().load(sandbox)).isEmpty();
    }
}
