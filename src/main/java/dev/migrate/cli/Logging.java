package dev.migrate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.migrate.config.JdbcUrls;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The CLI's logging: to stderr, quiet unless {@code -v} asks for migrate's own debug lines. Only the CLI configures
 * logging; the library speaks the SLF4J API and leaves its configuration to the application. The CLI binds SLF4J to
 * {@link StderrLoggingProvider} (Logback configured in code by {@link StderrLogConfigurator}); where SLF4J had already
 * started with another binding (tests that logged before running the CLI), {@link #configure} installs the same
 * configuration in Logback's context. Levels are set before picocli runs, since the pool logs while connecting.
 */
final class Logging {
    /** SLF4J's property naming its binding, read once, when SLF4J starts. */
    private static final String PROVIDER = "slf4j.provider";
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    private Logging() {
    }

    static void configure(String[] args) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        if (System.getProperty(PROVIDER) == null) {
            System.setProperty(PROVIDER, StderrLoggingProvider.class.getName());
            // SLF4J says which provider a property named, on stderr, unless told to report only its warnings.
            if (System.getProperty(SLF4J_VERBOSITY) == null) {
                System.setProperty(SLF4J_VERBOSITY, "WARN");
            }
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(StderrLogConfigurator.APPENDER) == null) {
            context.reset();
            StderrLogConfigurator configurator = new StderrLogConfigurator();
            configurator.setContext(context);
            configurator.configure(context);
        }
        root.setLevel(verbose ? Level.INFO : Level.WARN);
        context.getLogger("dev.migrate").setLevel(verbose ? Level.DEBUG : Level.WARN);
        // The pool's lines say nothing a user of a one-connection command needs (not even under -v), and its
        // connection failures reach the user once, as our own error message.
        context.getLogger("com.zaxxer.hikari").setLevel(Level.OFF);
        // SQLite's driver logs each failed attempt to load its native library with a stack trace; the failure that
        // matters reaches the user as our own error. -v shows the attempts.
        context.getLogger("org.sqlite").setLevel(verbose ? Level.INFO : Level.OFF);
    }

    /**
     * The PostgreSQL driver logs through {@code java.util.logging}, whose default handler prints raw
     * {@code Nov 23, 2026 ... WARNING:} lines on stderr. Silence it, or under {@code -v} send its records through
     * SLF4J like every other log line. Called only when the command uses PostgreSQL: setting up
     * {@code java.util.logging} costs ~15 ms of start-up, which SQLite commands never need to pay.
     */
    static void routeDriverLogging(boolean verbose) {
        java.util.logging.Logger driver = DriverLogger.POSTGRES;
        driver.setUseParentHandlers(false);
        for (Handler handler : driver.getHandlers()) {
            driver.removeHandler(handler);
        }
        driver.setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.OFF);
        if (verbose) {
            driver.addHandler(new ToSlf4j());
        }
    }

    /** Holds the driver's logger, created on first use: {@code java.util.logging} keeps loggers only weakly. */
    private static final class DriverLogger {
        static final java.util.logging.Logger POSTGRES = java.util.logging.Logger.getLogger("org.postgresql");
    }

    /** One {@code java.util.logging} record as an SLF4J event of the same logger, masked like all our output. */
    private static final class ToSlf4j extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            org.slf4j.Logger target = LoggerFactory.getLogger(record.getLoggerName() == null ? "org.postgresql"
                    : record.getLoggerName());
            // The driver may quote a URL in its message; a password must not reach the terminal that way either.
            String message = JdbcUrls.mask(formatter.formatMessage(record));
            int level = record.getLevel().intValue();
            if (level >= java.util.logging.Level.SEVERE.intValue()) {
                target.error(message, record.getThrown());
            } else if (level >= java.util.logging.Level.WARNING.intValue()) {
                target.warn(message, record.getThrown());
            } else if (level >= java.util.logging.Level.INFO.intValue()) {
                target.info(message, record.getThrown());
            } else {
                target.debug(message, record.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
