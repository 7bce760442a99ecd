package io.antrest.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.MarkerFilter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The secrets log filter in a Logback context of its own, configured as a user might, at TRACE. */
class SecretsTurboFilterTest {
    private static final String SIGNED_LINE = "ex-0001 executing GET /api/v3/account?timestamp=1&signature=5f2c0ffee";

    /** A context whose root logs everything at TRACE into a list, as a configuration without the filter would. */
    private static ListAppender<ILoggingEvent> traceEverything(LoggerContext context) {
        ListAppender<ILoggingEvent> list = new ListAppender<>();
        list.setContext(context);
        list.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.TRACE);
        root.addAppender(list);
        return list;
    }

    private static void logHttpClientAndOurs(LoggerContext context) {
        context.getLogger("org.apache.hc.client5.http.wire").trace("http-outgoing-1 >> \"X-MBX-APIKEY: k3y[\\r][\\n]\"");
        context.getLogger("org.apache.hc.client5.http.headers").debug("http-outgoing-1 >> X-MBX-APIKEY: k3y");
        context.getLogger("org.apache.hc.client5.http.impl.classic.InternalHttpClient").debug(SIGNED_LINE);
        context.getLogger("org.apache.hc.client5.http.impl.classic.MainClientExec").warn("a warning of HttpClient's");
        context.getLogger("io.antrest.core.RestClient").trace("ours, at TRACE");
    }

    private static List<String> messages(ListAppender<ILoggingEvent> list) {
        return list.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void httpClientsHeaderAndWireLogsAndItsDebugAreDeniedWhileItsWarningsAndOurLinesPass() {
        SecretsTurboFilter filter = new SecretsTurboFilter();
        LoggerContext context = new LoggerContext();
        Logger wire = context.getLogger("org.apache.hc.client5.http.wire");
        Logger headers = context.getLogger("org.apache.hc.client5.http.headers");
        Logger exec = context.getLogger("org.apache.hc.client5.http.impl.classic.MainClientExec");
        Logger ours = context.getLogger("io.antrest.core.RestClient");
        for (Level level : List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
            assertThat(filter.decide(null, wire, level, "x", null, null)).as("wire at %s", level).isEqualTo(FilterReply.DENY);
            assertThat(filter.decide(null, headers, level, "x", null, null)).as("headers at %s", level).isEqualTo(FilterReply.DENY);
            assertThat(filter.decide(null, ours, level, "x", null, null)).as("ours at %s", level).isEqualTo(FilterReply.NEUTRAL);
        }
        assertThat(filter.decide(null, exec, Level.DEBUG, SIGNED_LINE, null, null)).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, exec, Level.TRACE, SIGNED_LINE, null, null)).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, exec, Level.INFO, "x", null, null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, exec, Level.WARN, "x", null, null)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void withoutTheFilterAConfigurationAtTracePrintsTheKeyAndTheSignedRequestLine() {
        LoggerContext context = new LoggerContext();
        ListAppender<ILoggingEvent> list = traceEverything(context);

        logHttpClientAndOurs(context);

        assertThat(String.join("\n", messages(list))).contains("X-MBX-APIKEY: k3y", "signature=5f2c0ffee");
    }

    @Test
    void guardPutsTheFilterFirstInAConfigurationThatLacksItEvenBeforeAFilterThatAcceptsEverything() {
        LoggerContext context = new LoggerContext();
        ListAppender<ILoggingEvent> list = traceEverything(context);
        MarkerFilter acceptAll = new MarkerFilter();
        acceptAll.setMarker("ANY");
        acceptAll.setOnMatch("ACCEPT");
        acceptAll.setOnMismatch("ACCEPT");
        acceptAll.start();
        context.addTurboFilter(acceptAll);

        assertThat(SecretsTurboFilter.guard(context)).as("added").isTrue();
        assertThat(SecretsTurboFilter.guard(context)).as("added again").isFalse();
        logHttpClientAndOurs(context);
        context.getLogger("org.apache.hc.client5.http.wire").trace(MarkerFactory.getMarker("ANY"), "marked k3y");

        assertThat(context.getTurboFilterList()).hasSize(2).first().isInstanceOf(SecretsTurboFilter.class);
        assertThat(messages(list)).containsExactly("a warning of HttpClient's", "ours, at TRACE");
    }

    @Test
    void theGuardedFilterComesBackFirstAfterTheContextIsResetAndConfiguredAgain() {
        LoggerContext context = new LoggerContext();
        SecretsTurboFilter.guard(context);

        context.reset();
        ListAppender<ILoggingEvent> list = traceEverything(context);
        logHttpClientAndOurs(context);

        assertThat(context.getTurboFilterList()).hasSize(1).first().isInstanceOf(SecretsTurboFilter.class);
        assertThat(messages(list)).containsExactly("a warning of HttpClient's", "ours, at TRACE");
    }
}
