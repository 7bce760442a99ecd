package io.antrest.gateway.okx;

import io.antrest.core.Request;
import io.antrest.core.RequestFailedException;
import io.antrest.core.Response;
import io.antrest.core.RestClient;
import io.antrest.core.RestClientConfig;
import io.antrest.core.RetryPolicy;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeError;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.OrderStatus;
import io.antrest.gateway.spi.Side;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OKX plugin against the loopback simulator's OKX dialect, through a bare rest-core client
 * with the plugin's signer (no runtime): the client judges by the HTTP status, so every answer,
 * 2xx included, is read here with the plugin's readError as the runtime would.
 */
class OkxSimRoundTripTest {
    private SimExchange sim;
    private final List<RestClient> clients = new ArrayList<>();

    @AfterEach
    void stopAll() {
        clients.forEach(RestClient::close);
        if (sim != null) {
            sim.close();
        }
    }

    private void start(Clock clock) {
        sim = SimExchange.builder().port(0).clock(clock).build().start();
    }

    private Exchange exchange(String passphrase) {
        return new OkxProvider().create(ExchangeSettings.builder().url(sim.okxUrl())
                .credentials(Credentials.hmac(SimExchange.DEMO_OKX_API_KEY, SimExchange.DEMO_OKX_SECRET).withPassphrase(passphrase))
                .build());
    }

    private RestClient client(Exchange exchange, Clock clock, int workers) {
        RestClient c = RestClient.builder("okx")
                .config(RestClientConfig.builder().clock(clock)
                        .retryPolicy(new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(5)))
                        .build())
                .signer(exchange.signer())
                .build();
        c.init(exchange.baseUrl());
        c.start(workers);
        clients.add(c);
        return c;
    }

    /** The answer, whatever its status: a bare client fails a non-2xx one with the response attached. */
    private static Response answer(CompletableFuture<Response> call) {
        try {
            return call.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RequestFailedException f) {
                return f.response();
            }
            throw new AssertionError("expected an answer, got " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Response answer(RestClient client, Request request) {
        return answer(client.submit(request));
    }

    private static Response ok(Exchange okx, RestClient client, Request request) {
        Response r = answer(client, request);
        assertThat(okx.readError(request, r)).as("error in %s", r).isEmpty();
        return r;
    }

    private static ExchangeError refused(Exchange okx, Request request, Response response) {
        return okx.readError(request, response).orElseThrow(() -> new AssertionError("expected a refusal, got " + response));
    }

    @Test
    void timeInstrumentsBalancePlaceQueryCancel() {
        start(Clock.systemUTC());
        Exchange okx = exchange(SimExchange.DEMO_OKX_PASSPHRASE);
        RestClient client = client(okx, Clock.systemUTC(), 2);

        Instant serverTime = okx.parseServerTime(ok(okx, client, okx.serverTimeRequest().orElseThrow()));
        assertThat(Duration.between(serverTime, Instant.now()).abs()).isLessThan(Duration.ofSeconds(30));

        List<Contract> contracts = okx.parseContracts(ok(okx, client, okx.contractsRequest()));
        Contract btc = contracts.stream().filter(c -> c.symbol().equals("BTC-USDT")).findFirst().orElseThrow();
        assertThat(btc.tickSize()).isPositive();
        assertThat(btc.lotSize()).isPositive();
        assertThat(btc.minQuantity()).isPositive();
        assertThat(btc.settlementCurrency()).isEqualTo("USDT");
        assertThat(btc.trading()).isTrue();
        assertThat(contracts).anySatisfy(c -> assertThat(c.trading()).isFalse());

        List<Balance> balances = okx.trading().parseBalances(ok(okx, client, okx.trading().account()));
        assertThat(balances).anySatisfy(b -> {
            assertThat(b.asset()).isEqualTo("USDT");
            assertThat(b.free()).isPositive();
        });

        String clOrdId = okx.trading().newClientOrderId();
        OrderRequest order = OrderRequest.limit("BTC-USDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("20000.1"))
                .withClientOrderId(clOrdId);
        Order placed = okx.trading().parseNewOrder(order, ok(okx, client, okx.trading().newOrder(order)));
        assertThat(placed.clientOrderId()).isEqualTo(clOrdId);
        assertThat(placed.orderId()).isNotEmpty();
        assertThat(placed.status()).isEqualTo(OrderStatus.NEW);

        OrderRef byClient = OrderRef.byClientOrderId("BTC-USDT", clOrdId);
        Order queried = okx.trading().parseQuery(byClient, ok(okx, client, okx.trading().queryOrder(byClient)));
        assertThat(queried.orderId()).isEqualTo(placed.orderId());
        assertThat(queried.status()).isEqualTo(OrderStatus.NEW);
        assertThat(queried.price()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("20000.1"));
        assertThat(queried.quantity()).isEqualByComparingTo("0.001");
        assertThat(queried.executedQuantity()).isZero();

        OrderRef byId = OrderRef.byOrderId("BTC-USDT", placed.orderId());
        Request cancel = okx.trading().cancelOrder(byId);
        assertThat(okx.trading().parseCancel(byId, ok(okx, client, cancel))).isEmpty();
        Order canceled = okx.trading().parseQuery(byId, ok(okx, client, okx.trading().queryOrder(byId)));
        assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(canceled.clientOrderId()).isEqualTo(clOrdId);

        Request again = okx.trading().cancelOrder(byId);
        assertThat(refused(okx, again, answer(client, again)).kind()).isEqualTo(ErrorKind.NOT_FOUND);
        Request unknown = okx.trading().queryOrder(OrderRef.byClientOrderId("BTC-USDT", "nope"));
        assertThat(refused(okx, unknown, answer(client, unknown)).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void duplicateClientOrderIdIsRefusedWithHttp200AsOrderRejected() {
        start(Clock.systemUTC());
        Exchange okx = exchange(SimExchange.DEMO_OKX_PASSPHRASE);
        RestClient client = client(okx, Clock.systemUTC(), 2);
        OrderRequest order = OrderRequest.limit("ETH-USDT", Side.BUY, new BigDecimal("0.01"), new BigDecimal("1000"))
                .withClientOrderId("dup1");

        ok(okx, client, okx.trading().newOrder(order));
        Request second = okx.trading().newOrder(order);
        Response r = answer(client, second);

        assertThat(r.status()).isEqualTo(200);
        ExchangeError e = refused(okx, second, r);
        assertThat(e.kind()).isEqualTo(ErrorKind.ORDER_REJECTED);
        assertThat(e.code()).isEqualTo("51016");
        assertThat(sim.ordersPlaced("dup1")).isEqualTo(1);
    }

    @Test
    void wrongPassphraseIsAuthentication() {
        start(Clock.systemUTC());
        Exchange okx = exchange("notThePassphrase");
        RestClient client = client(okx, Clock.systemUTC(), 1);
        Request balance = okx.trading().account();

        Response r = answer(client, balance);

        assertThat(r.status()).isEqualTo(401);
        ExchangeError e = refused(okx, balance, r);
        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(e.code()).isEqualTo("50105");
    }

    @Test
    void clockFarBehindIsTimestampOutOfWindow() {
        start(Clock.systemUTC());
        Exchange okx = exchange(SimExchange.DEMO_OKX_PASSPHRASE);
        RestClient client = client(okx, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-60)), 1);
        Request balance = okx.trading().account();

        ExchangeError e = refused(okx, balance, answer(client, balance));

        assertThat(e.kind()).isEqualTo(ErrorKind.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(e.code()).isEqualTo("50102");
    }

    /** Trade > Place order: 60 requests per 2 seconds per User ID + Instrument ID; the 61st is 429 / 50011. */
    @Test
    void sixtyFirstOrderOnOneInstrumentWithinTwoSecondsIsRateLimited() {
        // One fixed instant for the simulator and the signer: every request falls in the same 2-second window.
        Clock fixed = Clock.fixed(Instant.parse("2026-03-04T05:06:07.500Z"), ZoneOffset.UTC);
        start(fixed);
        Exchange okx = exchange(SimExchange.DEMO_OKX_PASSPHRASE);
        RestClient client = client(okx, fixed, 2);

        for (int i = 0; i < 60; i++) {
            ok(okx, client, okx.trading().newOrder(OrderRequest.limit("BTC-USDT", Side.BUY, new BigDecimal("0.0001"),
                    new BigDecimal("10000"))));
        }
        Request sixtyFirst = okx.trading().newOrder(OrderRequest.limit("BTC-USDT", Side.BUY, new BigDecimal("0.0001"),
                new BigDecimal("10000")));
        Response r = answer(client, sixtyFirst);

        assertThat(r.status()).isEqualTo(429);
        ExchangeError e = refused(okx, sixtyFirst, r);
        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.code()).isEqualTo("50011");
        assertThat(okx.costOf(sixtyFirst)).anySatisfy(c -> {
            assertThat(c.rule()).isEqualTo("POST /api/v5/trade/order");
            assertThat(c.key()).isEqualTo("BTC-USDT");
        });
        // Another instrument has its own bucket.
        ok(okx, client, okx.trading().newOrder(OrderRequest.limit("ETH-USDT", Side.BUY, new BigDecimal("0.01"),
                new BigDecimal("1000"))));
    }
}
