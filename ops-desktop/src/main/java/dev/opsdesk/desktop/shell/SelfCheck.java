package dev.opsdesk.desktop.shell;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.Health;
import dev.opsdesk.sandbox.DemoUser;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;

import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code --self-check}: proves, without a display, that this installation can run — the runtime has
 * the modules the app needs, JavaFX and its native libraries are there, and the built-in sandbox
 * migrates, seeds and answers the client over HTTP. Prints one line per check; the exit code is 0
 * only when every check passed. What the package check runs on a freshly unpacked installer.
 */
public final class SelfCheck {

    /** One thing to check: returns what it found, or throws what is wrong. */
    record Check(String name, Callable<String> probe) {
    }

    private static final String[] JAVAFX_CLASSES = {
            "javafx.application.Platform", "javafx.scene.control.TableView", "javafx.stage.Stage",
            "com.sun.javafx.tk.quantum.QuantumToolkit", "com.sun.prism.sw.SWPipeline",
            "org.controlsfx.control.textfield.CustomTextField", "org.kordamp.ikonli.javafx.FontIcon"};

    private static final String[] APP_CLASSES = {
            "dev.opsdesk.desktop.OpsDeskApp", "dev.opsdesk.desktop.StandardSections",
            "dev.opsdesk.desktop.shell.AppShell", "dev.opsdesk.desktop.export.XlsxRowWriter"};

    private SelfCheck() {
    }

    /** Runs every check, printing to {@code out}; returns the process exit code. */
    public static int run(PrintStream out) {
        out.println("Ops Desk " + AppVersion.current() + " self-check (Java " + Runtime.version() + " at "
                + System.getProperty("java.home") + ")");
        List<String> failed = new ArrayList<>();
        for (Check check : checks()) {
            try {
                out.println("ok    " + check.name() + ": " + check.probe().call());
            } catch (Exception | LinkageError e) {
                failed.add(check.name());
                out.println("FAIL  " + check.name() + ": " + e);
            }
        }
        if (failed.isEmpty()) {
            out.println("self-check passed");
            return 0;
        }
        out.println("self-check FAILED: " + String.join(", ", failed));
        return 1;
    }

    static List<Check> checks() {
        return List.of(
                new Check("JavaFX", SelfCheck::javaFx),
                new Check("JavaFX classes", () -> loadAll(JAVAFX_CLASSES, glassClass(), prismClass())),
                new Check("JavaFX native libraries", SelfCheck::nativeLibraries),
                new Check("application classes", () -> loadAll(APP_CLASSES)),
                new Check("TLS with EC keys", SelfCheck::tls),
                new Check("built-in sandbox and client", SelfCheck::sandboxAndClient));
    }

    /** Where JavaFX comes from: named modules (module path or runtime image) as intended, or the class path. */
    private static String javaFx() throws ClassNotFoundException {
        Module graphics = Class.forName("javafx.application.Platform", false, SelfCheck.class.getClassLoader())
                .getModule();
        if (!graphics.isNamed()) {
            return "on the class path (unsupported by JavaFX; the packaged app puts it on the module path)";
        }
        String version = graphics.getDescriptor().rawVersion().orElse("unknown version");
        Optional<Module> controls = ModuleLayer.boot().findModule("javafx.controls");
        return "module " + graphics.getName() + " " + version + (controls.isPresent() ? ", javafx.controls" : "")
                + " (" + (graphics.getClassLoader() == null ? "boot" : graphics.getClassLoader().getName())
                + " loader)";
    }

    private static String glassClass() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return "com.sun.glass.ui.win.WinApplication";
        }
        return os.contains("mac") ? "com.sun.glass.ui.mac.MacApplication" : "com.sun.glass.ui.gtk.GtkApplication";
    }

    private static String prismClass() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("win") ? "com.sun.prism.d3d.D3DPipeline" : "com.sun.prism.es2.ES2Pipeline";
    }

    /** Loads (without initialising: that would need a display) each class. */
    private static String loadAll(String[] names, String... more) throws ClassNotFoundException {
        List<String> all = new ArrayList<>(List.of(names));
        all.addAll(List.of(more));
        for (String name : all) {
            Class.forName(name, false, SelfCheck.class.getClassLoader());
        }
        return all.size() + " loaded (" + String.join(", ", all.stream()
                .map(n -> n.substring(n.lastIndexOf('.') + 1)).toList()) + ")";
    }

    /**
     * The natives JavaFX needs for a window: next to the runtime (a packaged app) or inside the
     * javafx.graphics jar (extracted on first use). Loading them here would need a display (glass
     * links GTK), so this finds them.
     */
    private static String nativeLibraries() throws Exception {
        Module graphics = Class.forName("javafx.application.Platform", false, SelfCheck.class.getClassLoader())
                .getModule();
        Path home = Path.of(System.getProperty("java.home"));
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String lib : List.of("glass", "prism_sw", "prism_es2", "javafx_font")) {
            String file = System.mapLibraryName(lib);
            if (Files.isRegularFile(home.resolve("lib").resolve(file)) || Files.isRegularFile(home.resolve("bin").resolve(file))) {
                found.add(file + " (runtime)");
                continue;
            }
            try (InputStream in = graphics.isNamed() ? graphics.getResourceAsStream(file)
                    : SelfCheck.class.getClassLoader().getResourceAsStream(file)) {
                if (in != null) {
                    found.add(file + " (jar)");
                } else if (!lib.equals("prism_es2") || !System.getProperty("os.name", "").startsWith("Windows")) {
                    missing.add(file);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing " + String.join(", ", missing) + "; found " + found);
        }
        return String.join(", ", found);
    }

    /** TLS to a real server, whose certificates are mostly EC: needs the jdk.crypto.ec module. */
    private static String tls() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        KeyPairGenerator.getInstance("EC").generateKeyPair();
        return context.getProtocol() + " " + String.join("/", context.getSupportedSSLParameters().getProtocols())
                + ", EC key pair made";
    }

    /** Starts the sandbox on a free port (migrations, seed, HTTP), asks it for health and signs in over HTTP. */
    private static String sandboxAndClient() {
        long started = System.nanoTime();
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0));
             OpsClient client = ClientFactory.standard().create(sandbox.baseUri())) {
            long booted = (System.nanoTime() - started) / 1_000_000;
            Health health = client.health();
            if (!health.isOpsApi()) {
                throw new IllegalStateException("the sandbox did not answer as an ops API: " + health);
            }
            DemoUser user = sandbox.demoUsers().get(0);
            client.sessions().signIn(user.username(), user.password().toCharArray());
            client.sessions().signOut();
            return "started in " + booted + " ms at " + sandbox.baseUri() + ", health " + health.status()
                    + ", signed in and out as " + user.username();
        }
    }
}
