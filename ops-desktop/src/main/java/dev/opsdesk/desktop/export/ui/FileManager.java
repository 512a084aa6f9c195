package dev.opsdesk.desktop.export.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Shows a folder in the desktop's file manager, with the command each system provides for it:
 * {@code explorer} on Windows, {@code open} on macOS, {@code xdg-open} elsewhere. It starts a
 * process: call it on a worker thread.
 */
public final class FileManager {

    private FileManager() {
    }

    /** Opens {@code folder}; throws when the command is missing or says it could not. */
    public static void open(Path folder) throws IOException, InterruptedException {
        List<String> command = command(System.getProperty("os.name", ""), folder);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (command.get(0).equals("explorer")) {
            return; // explorer answers 1 even when it opened the folder
        }
        // open and xdg-open hand the folder over and end at once; a file manager they start keeps running.
        if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() != 0) {
            throw new IOException(command.get(0) + " could not open " + folder + " (exit code " + process.exitValue() + ")");
        }
    }

    /** The command that opens {@code folder} on the system named {@code osName}. */
    static List<String> command(String osName, Path folder) {
        String os = osName.toLowerCase(Locale.ROOT);
        String path = folder.toAbsolutePath().toString();
        if (os.startsWith("windows")) {
            return List.of("explorer", path);
        }
        if (os.startsWith("mac")) {
            return List.of("open", path);
        }
        return List.of("xdg-open", path);
    }
}
