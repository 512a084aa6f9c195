package dev.opsdesk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * The log file a person sends with a problem report: our INFO lines with time, level and thread; the libraries'
 * chatter left out, their warnings kept; and logback finds this set-up without a logback.xml.
 */
class DesktopLoggingTest {

    @TempDir
    Path dir;

    @Test
    void writesOurLinesAndTheLibrariesWarningsToTheLogFile() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as logback's provider does
        try {
            DesktopLogging.logTo(context, dir);
            Logger ours = context.getLogger("dev.opsdesk.desktop.shell.AppShell");
            Logger jetty = context.getLogger("org.eclipse.jetty.server.Server");
            ours.info("Signed in as ops");
            ours.debug("not at INFO");
            jetty.info("jetty-11 started");
            jetty.warn("Failed to bind");
        } finally {
            context.stop();
        }
        String log = Files.readString(dir.resolve("ops-desk.log"));
        assertThat(log).containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* INFO  \\[[^]]+] "
                + "dev\\.opsdesk\\.desktop\\.shell\\.AppShell - Signed in as ops");
        assertThat(log).contains("Failed to bind").doesNotContain("jetty-11 started").doesNotContain("not at INFO");
    }

    @Test
    void logbackFindsItAsAService() {
        assertThat(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .map(ServiceLoader.Provider::type)).contains(DesktopLogging.class);
    }
}
