package dev.opsdesk.client.bench;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.OpsClientConfig;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.client.model.FailureSort;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import dev.opsdesk.sandbox.Scale;
import java.nio.file.Path;

/**
 * Bare client paging through every failure of a {@code --scale large} sandbox (pages of 200, newest first), with
 * the time of every 100th page: whether deep pages cost more than the first. Not a test; run by hand (see
 * src-docs/benchmarks.md). Argument (optional): a data directory to keep or reuse the seeded database.
 */
public final class FailurePagingBenchmark {

    private FailurePagingBenchmark() {
    }

    public static void main(String[] args) {
        SandboxOptions options = SandboxOptions.defaults().withPort(0).withScale(Scale.LARGE);
        if (args.length > 0) {
            options = options.withDataDir(Path.of(args[0]));
        }
        try (SandboxServer s = SandboxServer.start(options);
             OpsClient c = OpsClient.create(OpsClientConfig.builder(s.baseUri()).build())) {
            c.sessions().signIn("admin", "sandbox".toCharArray());
            String cursor = null;
            int pages = 0;
            long total = 0;
            long t0 = System.nanoTime();
            do {
                long t = System.nanoTime();
                Page<Failure> p = c.failures().list(FailureFilter.none(), FailureSort.NEWEST,
                        new PageRequest(200, cursor));
                long ms = (System.nanoTime() - t) / 1_000_000;
                total += p.items().size();
                cursor = p.nextCursor();
                if (pages++ % 100 == 0) {
                    System.out.printf("page %,5d (rows %,7d): %d ms%n", pages, total, ms);
                }
            } while (cursor != null);
            System.out.printf("all %,d rows in %.1f s%n", total, (System.nanoTime() - t0) / 1e9);
        }
    }
}
