package io.antrest.app.secrets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.antrest.core.RestClientConfig;
import io.antrest.gateway.ContractStore;
import io.antrest.gateway.Gateway;
import io.antrest.gateway.GatewayManager;
import io.antrest.gateway.GatewaySettings;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ExchangeException;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.Side;
import io.antrest.monitor.MonitorConfig;
import io.antrest.monitor.MonitorEngine;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An exchange that answers an order with an error whose text would clear a terminal and forge a
 * log line: through the real gateway and each real plugin, the exception the caller gets and every
 * log line carry that text with its control characters escaped, never raw.
 */
class HostileExchangeTextTest {
    @TempDir
    Path dir;

    private SimExchange sim;
    private MonitorEngine monitor;
    private GatewayManager manager;
    private HostileFront front;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Level before;

    @BeforeEach
    void start() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        log.setContext(context);
        log.start();
        // every line of ours, at DEBUG, into the list only (not onto the console of the build)
        Logger ours = context.getLogger("io.antrest");
        before = ours.getLevel();
        ours.setLevel(Level.DEBUG);
        ours.setAdditive(false);
        ours.addAppender(log);
        sim = SimExchange.builder().port(0).build().start();
        monitor = new MonitorEngine(MonitorConfig.builder().heartBeatInterval(Duration.ofHours(1)).build(), Clock.systemUTC());
        manager = new GatewayManager(ProviderRegistry.discover(), ContractStore.h2(dir), monitor, RestClientConfig.defaults());
    }

    @AfterEach
    void stop() {
        manager.close();
        monitor.close();
        if (front != null) {
            front.close();
        }
        sim.close();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger ours = context.getLogger("io.antrest");
        ours.detachAppender(log);
        ours.setAdditive(true);
        ours.setLevel(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"binance", "bitmex", "okx"})
    void anErrorTextWithEscapeSequencesAndNewlinesReachesTheCallerAndTheLogEscaped(String exchange) throws Exception {
        String venue;
        Credentials keys;
        String orderPath;
        HostileFront.Answer answer;
        OrderRequest order;
        switch (exchange) {
            case "binance" -> {
                venue = sim.binanceUrl();
                keys = Credentials.hmac(SimExchange.DEMO_BINANCE_API_KEY, SimExchange.DEMO_BINANCE_SECRET);
                orderPath = "POST /api/v3/order";
                answer = new HostileFront.Answer(400, "{\"code\":-2010,\"msg\":\"" + HostileFront.HOSTILE_JSON + "\"}");
                order = OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("50000.00"));
            }
            case "bitmex" -> {
                venue = sim.bitmexUrl();
                keys = Credentials.hmac(SimExchange.DEMO_BITMEX_API_KEY, SimExchange.DEMO_BITMEX_SECRET);
                orderPath = "POST /api/v1/order";
                answer = new HostileFront.Answer(400, "{\"error\":{\"message\":\"" + HostileFront.HOSTILE_JSON
                        + "\",\"name\":\"ValidationError\\u001b[31m\\n\"}}");
                order = OrderRequest.limit("XBTUSD", Side.BUY, new BigDecimal("100"), new BigDecimal("50000.0"));
            }
            default -> {
                venue = sim.okxUrl();
                keys = Credentials.hmac(SimExchange.DEMO_OKX_API_KEY, SimExchange.DEMO_OKX_SECRET)
                        .withPassphrase(SimExchange.DEMO_OKX_PASSPHRASE);
                orderPath = "POST /api/v5/trade/order";
                answer = new HostileFront.Answer(200, "{\"code\":\"1\",\"msg\":\"\",\"data\":[{\"sCode\":\"51008\\n\","
                        + "\"sMsg\":\"" + HostileFront.HOSTILE_JSON + "\"}]}");
                order = OrderRequest.limit("BTC-USDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("50000.0"));
            }
        }
        front = new HostileFront(venue, Map.of(orderPath, answer)).start();
        Gateway g = manager.connect(exchange, GatewaySettings.builder().sessions(2)
                .exchange(ExchangeSettings.builder().url(front.url()).credentials(keys).build()).build());

        Throwable thrown = catchThrowable(() -> g.placeOrder(order).get(30, TimeUnit.SECONDS));

        assertThat(thrown).isInstanceOf(ExecutionException.class);
        List<String> texts = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            texts.add(String.valueOf(t.getMessage()));
        }
        assertThat(thrown.getCause()).isInstanceOf(ExchangeException.class);
        ExchangeException refused = (ExchangeException) thrown.getCause();
        texts.add(refused.error().message());
        texts.add(refused.error().code());
        assertThat(refused.getMessage()).as("the exchange's text is kept, escaped").contains("\\u001b[2J", "\\u000a");
        for (ILoggingEvent e : List.copyOf(log.list)) {
            texts.add(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(String.valueOf(t.getMessage()));
            }
        }
        assertThat(texts).allSatisfy(text -> assertThat(text)
                .doesNotContain("\u001b").doesNotContain("\n").doesNotContain("\r"));
    }
}
