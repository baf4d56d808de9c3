package dev.migrate.engine;

import dev.migrate.api.MigrationContext;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.StepInfo;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
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

    /**
     * The connection as a transactional Java migration gets it: everything works except ending migrate's transaction
     * (commit, rollback, switching autocommit on, closing), which would commit or discard part of the migration while
     * its revision is recorded by the transaction that follows. Savepoints are fine.
     */
    static Connection keepingTransaction(Connection connection) {
        return (Connection) Proxy.newProxyInstance(JavaContext.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    boolean ends = name.equals("commit") || name.equals("close") || name.equals("abort")
                            || (name.equals("rollback") && (args == null || args.length == 0))
                            || (name.equals("setAutoCommit") && Boolean.TRUE.equals(args[0]));
                    if (ends) {
                        throw new SQLException("A migration that runs in migrate's transaction must not call "
                                + name + "() on its connection: migrate commits the migration together with its "
                                + "version-table change. Remove the call, or mark the migration transaction = false.");
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
