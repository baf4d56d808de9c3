package dev.migrate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * Library logging goes to stderr and stays quiet unless {@code -v} asks for more. Set before picocli runs, since
 * the pool logs while connecting. The appender and pattern live in {@code logback.xml}.
 */
final class Logging {
    private Logging() {
    }

    static void configure(String[] args) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(verbose ? Level.INFO : Level.WARN);
        // The pool's lines say nothing a user of a one-connection command needs, and its connection failures
        // reach the user once, as our own error message.
        ((Logger) LoggerFactory.getLogger("com.zaxxer.hikari")).setLevel(verbose ? Level.INFO : Level.OFF);
    }
}
