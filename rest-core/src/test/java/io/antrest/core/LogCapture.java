package io.antrest.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Everything the engine's loggers ({@code io.antrest}) write while it is open, at TRACE; closing
 * it puts the level and appenders back as they were.
 */
final class LogCapture implements AutoCloseable {
    private final Logger antrest;
    private final Level before;
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    LogCapture() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        antrest = ctx.getLogger("io.antrest");
        before = antrest.getLevel();
        captured.setContext(ctx);
        captured.start();
        antrest.addAppender(captured);
        antrest.setLevel(Level.TRACE);
    }

    /** The events so far. */
    List<ILoggingEvent> events() {
        return captured.list;
    }

    /** Every event's message and stack trace, a line each. */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : captured.list) {
            sb.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                sb.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        antrest.detachAppender(captured);
        antrest.setLevel(before);
    }
}
