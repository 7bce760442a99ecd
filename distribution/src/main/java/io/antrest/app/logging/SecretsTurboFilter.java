package io.antrest.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
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
 * everything below INFO from {@code org.apache.hc}. Installed first in {@code conf/logback.xml}.
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
}
