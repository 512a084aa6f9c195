package dev.opsdesk.sandbox;

import dev.opsdesk.sandbox.auth.Passwords;
import dev.opsdesk.sandbox.auth.RoleName;
import dev.opsdesk.sandbox.store.PreparedSchema;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the build prepares so that a start need not (run by ops-sandbox's pom at {@code process-classes}, with the
 * classes directory as its argument): the schema of the migrations ({@link PreparedSchema}), and hashes of the default
 * demo password, one salt per demo user ({@link Passwords#PREPARED_RESOURCE}). Made from the sources of the same
 * build every time, so neither can fall behind them.
 */
public final class Prepare {

    private Prepare() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Prepare <classes directory>");
        }
        Path classes = Path.of(args[0]);
        System.out.println("Prepared " + PreparedSchema.write(classes));
        System.out.println("Prepared " + Passwords.writePrepared(classes, SandboxOptions.DEFAULT_DEMO_PASSWORD,
                RoleName.values().length));
    }
}
