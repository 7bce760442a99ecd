package io.antrest.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * A Logback turbo filter that keeps HttpClient 5 from writing secrets to the log, whatever level
 * the user sets. HttpClient logs every request header (so {@code X-MBX-APIKEY}, {@code api-key},
 * {@code api-signature}) on {@code org.apache.hc.client5.http.headers}, the raw bytes on
 * {@code org.apache.hc.client5.http.wire}, and signed request lines (query strings with
 * {@code signature=}) at DEBUG in its execution chain. Our own code masks secrets itself; these
 * loggers it cannot reach, so their events are denied: header and wire at every level, and
 * everything below INFO from {@code org.apache.hc}. Installed first in {@code conf/logback.xml};
 * {@code antrest} also {@linkplain #guard installs it} when it starts, so that a logging
 * configuration of the user's own that lacks it cannot print secrets either.
 */
public final class SecretsTurboFilter extends TurboFilter {
    private static final String HTTP_CLIENT = "org.apache.hc";
    private static final String HEADERS = "org.apache.hc.client5.http.headers";
    private static final String WIRE = "org.apache.hc.client5.http.wire";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        if (!name.startsWith(HTTP_CLIENT)) {
            return FilterReply.NEUTRAL;
        }
        if (name.startsWith(HEADERS) || name.startsWith(WIRE)) {
            return FilterReply.DENY;
        }
        return level != null && level.isGreaterOrEqual(Level.INFO) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    /**
     * Makes sure the context runs this filter before any other turbo filter (one that accepts an
     * event would otherwise let it past), now and after every reconfiguration of the context.
     * Calling it again does nothing more.
     *
     * @return true when the filter was added now, false when it already ran first
     */
    public static boolean guard(LoggerContext context) {
        boolean guarded = context.getCopyOfListenerList().stream().anyMatch(Guard.class::isInstance);
        if (!guarded) {
            context.addListener(new Guard());
        }
        return installFirst(context);
    }

    private static boolean installFirst(LoggerContext context) {
        var filters = context.getTurboFilterList();
        if (!filters.isEmpty() && filters.get(0) instanceof SecretsTurboFilter) {
            return false;
        }
        SecretsTurboFilter filter = new SecretsTurboFilter();
        filter.setName("antrest-secrets");
        filter.setContext(context);
        filter.start();
        filters.add(0, filter);
        return true;
    }

    /** Puts the filter back first whenever the context is reset (before a new configuration adds its own). */
    private static final class Guard implements LoggerContextListener {
        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext context) {
            installFirst(context);
        }

        @Override
        public void onStart(LoggerContext context) {
            installFirst(context);
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }
    }
}
