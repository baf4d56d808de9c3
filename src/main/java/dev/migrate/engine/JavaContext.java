package dev.migrate.engine;

import dev.migrate.api.MigrationContext;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.StepInfo;

import java.sql.Connection;
import java.text.MessageFormat;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/** What a running Java migration sees; its log lines reach the listener like a server's notices. */
record JavaContext(Connection connection, String dialect, Map<String, String> arguments, StepInfo step,
                   MigrationListener listener) implements MigrationContext {

    @Override
    public String revision() {
        return step.revision();
    }

    @Override
    public System.Logger logger() {
        return new System.Logger() {
            @Override
            public String getName() {
                return "migration " + step.revision();
            }

            @Override
            public boolean isLoggable(Level level) {
                return level.getSeverity() >= Level.INFO.getSeverity();
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
                if (isLoggable(level)) {
                    listener.notice(step, level.getName() + ": " + message + (thrown == null ? "" : " (" + thrown + ")"));
                }
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... parameters) {
                if (isLoggable(level)) {
                    String message = parameters == null || parameters.length == 0 ? format
                            : MessageFormat.format(format, parameters);
                    listener.notice(step, level.getName() + ": " + message);
                }
            }

            @Override
            public void log(Level level, Supplier<String> message) {
                if (isLoggable(level)) {
                    listener.notice(step, level.getName() + ": " + message.get());
                }
            }
        };
    }
}
