package dev.migrate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Configures logback in code (found through ServiceLoader) instead of parsing an XML file at every start:
 * log lines go to stderr, so stdout carries only the command's output, and the root level is WARN until
 * {@code -v} raises it. The layout is written out rather than a pattern, whose parser costs ~50 ms of start-up.
 */
public final class StderrLogConfigurator extends ContextAwareBase implements Configurator {
    /** The appender's name: {@link Logging} looks for it to tell whether this configuration is in place. */
    static final String APPENDER = "stderr";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LayoutBase<ILoggingEvent> layout = new LayoutBase<>() {
            @Override
            public String doLayout(ILoggingEvent event) {
                String logger = event.getLoggerName();
                StringBuilder line = new StringBuilder(event.getLevel().toString()).append(' ')
                        .append(logger.substring(logger.lastIndexOf('.') + 1)).append(": ")
                        .append(event.getFormattedMessage()).append(System.lineSeparator());
                IThrowableProxy thrown = event.getThrowableProxy();
                if (thrown != null) {
                    line.append(ThrowableProxyUtil.asString(thrown)).append(System.lineSeparator());
                }
                return line.toString();
            }
        };
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
