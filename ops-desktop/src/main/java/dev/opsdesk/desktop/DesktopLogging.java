package dev.opsdesk.desktop;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;

import dev.opsdesk.desktop.settings.SettingsLocation;

import java.nio.file.Path;
import java.util.Map;

/**
 * The desktop's logging, set up in code: a rolling file (three of 5 MB) in {@code opsdesk.log.dir}, and warnings
 * on the console. Logback finds it through {@code META-INF/services}; reading the same set-up from XML loaded
 * some five hundred classes and took a fifth of a second of every cold start.
 *
 * <p>A configuration file still wins: {@code -Dlogback.configurationFile=...} (to turn on debug logging while
 * chasing a problem) or a {@code logback-test.xml} on the class path (the tests) is read the usual way.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class DesktopLogging extends ContextAwareBase implements Configurator {

    /** The libraries' own logging, quieter than ours: their INFO lines say nothing an ops person can act on. */
    static final Map<String, Level> LEVELS = Map.of(
            "org.eclipse.jetty", Level.WARN,
            "io.javalin", Level.WARN,
            "org.flywaydb", Level.WARN,
            // Flyway warns that H2 is newer than it was verified with; harmless for the embedded sandbox.
            "org.flywaydb.core.internal.database.base.Database", Level.ERROR,
            "org.jooq", Level.WARN,
            "org.jooq.Constants", Level.OFF,
            "okhttp3", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null
                || DesktopLogging.class.getClassLoader().getResource(ClassicConstants.TEST_AUTOCONFIG_FILE) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // Main sets opsdesk.log.dir before the first logger; the fallback is the same place (next to the settings).
        String dir = System.getProperty("opsdesk.log.dir");
        logTo(context, dir != null ? Path.of(dir) : SettingsLocation.directory().resolve("logs"));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context}: {@code dir/ops-desk.log} (rolled to {@code ops-desk.1.log} … at 5 MB) and the console. */
    static void logTo(LoggerContext context, Path dir) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir.resolve("ops-desk.log").toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setFileNamePattern(dir.resolve("ops-desk.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.setParent(file);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("5MB"));
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.setEncoder(encoder(context, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n"));
        file.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setLevel(Level.WARN.levelStr);
        warnings.start();
        console.addFilter(warnings);
        console.setEncoder(encoder(context, "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n"));
        console.start();

        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        root.addAppender(console);
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
