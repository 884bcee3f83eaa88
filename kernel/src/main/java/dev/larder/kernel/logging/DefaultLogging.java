package dev.larder.kernel.logging;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The server's logging when no configuration file is given: INFO to standard
 * output, the libraries' chatter at WARN. Set up in code because reading even a
 * short logback.xml loads an XML parser and Logback's configuration model,
 * about 600 classes and 4 MB of a server's resident memory. A file named by
 * {@code -Dlogback.configurationFile} (the launcher passes {@code conf/logback.xml}
 * when there is one) or a {@code logback-test.xml} on the class path still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class DefaultLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{20} - %msg%n";
    private static final String[] QUIET_LIBRARIES = {"io.netty", "io.undertow", "org.xnio", "org.jboss"};

    /**
     * memcached's -v, -vv, -vvv: 2 and up log the server's own workings (each
     * connection's requests among them) at DEBUG, 3 at TRACE. Whatever the
     * configuration, so the flag works with a conf/logback.xml too.
     */
    public static void verbosity(int level) {
        if (level >= 2 && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("dev.larder").setLevel(level >= 3 ? Level.TRACE : Level.DEBUG);
        }
    }

    /**
     * The {@code log_file} setting: the default configuration's lines go to that file (appended, created
     * if need be) instead of standard output. Nothing changes under a conf/logback.xml, which decides for
     * itself. Returns false, the log still on standard output, if the file cannot be opened.
     */
    public static boolean logTo(String file) {
        if (file.isEmpty() || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return true;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender("CONSOLE") == null || System.getProperty("logback.configurationFile") != null) {
            return true;
        }
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file);
        appender.setAppend(true);
        appender.setEncoder(encoder(context));
        appender.start();
        if (!appender.isStarted()) {
            return false;
        }
        root.addAppender(appender);
        root.detachAppender("CONSOLE");
        return true;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || getClass().getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder(context));
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        for (String library : QUIET_LIBRARIES) {
            context.getLogger(library).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
