package dev.opsdesk.desktop.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * How the application was started.
 *
 * @param server         {@code --server URL}: preselect this server instead of the sandbox
 * @param autoSignIn     system property {@code opsdesk.autoSignIn=USER}: sign in to the built-in
 *                       sandbox as that demo user at once (benchmarks, screenshots, demos)
 * @param exitAfterShown system property {@code opsdesk.exitAfterShown=true}: print
 *                       {@code MAIN_WINDOW_SHOWN <ms since JVM start>} and exit once the main window shows;
 *                       {@code =data}: the same, but exit only once the built-in sandbox is seeded and the
 *                       first section's data is shown (the packaging's class-archive training run)
 * @param exitAfterData  whether {@code exitAfterShown} waits for the data
 * @param problems       arguments that were not understood
 */
public record LaunchOptions(String server, String autoSignIn, boolean exitAfterShown, boolean exitAfterData,
                            List<String> problems) {

    public static final String USAGE = """
            Usage: java -jar ops-desktop.jar [--sandbox | --server URL]

              --sandbox      connect to the built-in training sandbox (the default)
              --server URL   preselect the ops API at URL, e.g. https://ops.example.com
              --version      print the version and exit
              --self-check   check without a display that this installation can run (JavaFX, its
                             native libraries, the built-in sandbox and the client); exit 0 if so
              --help         show this text
            """;

    public LaunchOptions {
        problems = List.copyOf(problems);
    }

    public static LaunchOptions defaults() {
        return new LaunchOptions(null, null, false, false, List.of());
    }

    public static LaunchOptions parse(List<String> args, Properties system) {
        String server = null;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--sandbox")) {
                server = null;
            } else if (arg.equals("--server")) {
                if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    server = args.get(++i);
                } else {
                    problems.add("--server needs a URL");
                }
            } else if (arg.startsWith("--server=")) {
                server = arg.substring("--server=".length());
                if (server.isBlank()) {
                    problems.add("--server needs a URL");
                    server = null;
                }
            } else {
                problems.add("Unknown option: " + arg);
            }
        }
        String auto = system.getProperty("opsdesk.autoSignIn");
        String exitAfter = system.getProperty("opsdesk.exitAfterShown", "");
        boolean afterData = exitAfter.equalsIgnoreCase("data");
        boolean exit = afterData || Boolean.parseBoolean(exitAfter);
        return new LaunchOptions(server, auto == null || auto.isBlank() ? null : auto.trim(), exit, afterData,
                problems);
    }

    public static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    public static boolean wantsVersion(List<String> args) {
        return args.contains("--version");
    }

    public static boolean wantsSelfCheck(List<String> args) {
        return args.contains("--self-check");
    }
}
