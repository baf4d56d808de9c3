package dev.migrate.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The CLI's SLF4J binding: Logback's own logger context, configured by {@link StderrLogConfigurator} and nothing
 * else. Logback's provider would first search the class path for configuration files and configurator services and
 * report each step in status messages, which costs a command ~14 ms of its start (measured: SLF4J's start-up from
 * 22 ms to 9 ms); the CLI has exactly one configuration, in code. Chosen by {@link Logging#configure} through SLF4J's
 * {@code slf4j.provider} property, in the CLI's process only: an application embedding migrate keeps its own logging.
 */
public final class StderrLoggingProvider implements SLF4JServiceProvider {
    /** The SLF4J API version this binding is written against. */
    private static final String API_VERSION = "2.0.99";
    private LoggerContext context;
    private IMarkerFactory markers;
    private LogbackMDCAdapter mdc;

    @Override
    public void initialize() {
        context = new LoggerContext();
        context.setName("default");
        StderrLogConfigurator configurator = new StderrLogConfigurator();
        configurator.setContext(context);
        configurator.configure(context);
        context.start();
        markers = new BasicMarkerFactory();
        mdc = new LogbackMDCAdapter();
        context.setMDCAdapter(mdc);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return API_VERSION;
    }
}
