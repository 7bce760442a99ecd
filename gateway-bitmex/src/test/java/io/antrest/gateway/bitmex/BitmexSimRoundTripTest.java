package io.antrest.gateway.bitmex;

import io.antrest.core.OutcomeUnknownException;
import io.antrest.core.Request;
import io.antrest.core.RequestFailedException;
import io.antrest.core.Response;
import io.antrest.core.RestClient;
import io.antrest.core.RestClientConfig;
import io.antrest.core.RetryPolicy;
import io.antrest.core.TransportException;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.RateLimitReading;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.OrderStatus;
import io.antrest.gateway.spi.Side;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The BitMEX plugin against the loopback simulator, through a real rest-core client. */
class BitmexSimRoundTripTest {
    private static final String KEY = "simKeyBitmex0001";
    private static final String SECRET = "simSecretBitmex0001simSecretBitmex0001abcd";

    private SimExchange sim;
    private final List<RestClient> clients = new ArrayList<>();

    @BeforeEach
    void startSim() {
        sim = SimExchange.builder().port(0).build().start();
        sim.addBitmexKey(KEY, SECRET);
    }

    @AfterEach
    void stopAll() {
        clients.forEach(RestClient::close);
        sim.close();
    }

    private Exchange exchange(Credentials credentials) {
        return new BitmexProvider().create(ExchangeSettings.builder().url(sim.bitmexUrl()).credentials(credentials).build());
    }

    private RestClient client(Exchange exchange, Clock clock) {
        RestClient c = RestClient.builder("bitmex")
                .config(RestClientConfig.builder().clock(clock)
                        .retryPolicy(new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(5)))
                        .build())
                .signer(exchange.signer())
                .build();
        c.init(exchange.baseUrl());
        c.start(2);
        clients.add(c);
        return c;
    }

    private RestClient client(Exchange exchange) {
        return client(exchange, Clock.systemUTC());
    }

    private static Response refusal(RestClient client, Request request) {
        try {
            client.submit(request).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RequestFailedException f) {
                return f.response();
            }
            throw new AssertionError("expected a refusal, got " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a refusal of " + request + ", got a 2xx answer");
    }

    @Test
    void contractsMarginPlaceQueryAndCancel() {
        Exchange bitmex = exchange(Credentials.hmac(KEY, SECRET));
        RestClient client = client(bitmex);

        List<Contract> contracts = bitmex.parseContracts(client.request(bitmex.contractsRequest()));
        Contract xbtusd = contracts.stream().filter(c -> c.symbol().equals("XBTUSD")).findFirst().orElseThrow();
        assertThat(xbtusd.tickSize()).isEqualByComparingTo("0.5");
        assertThat(xbtusd.lotSize()).isEqualByComparingTo("100");
        assertThat(xbtusd.baseAsset()).isEqualTo("XBT");
        assertThat(xbtusd.trading()).isTrue();
        // swagger.json, GET /instrument/active: active instruments, and futures settled in the last 24 hours.
        assertThat(contracts).allSatisfy(c -> assertThat(c.trading() || c.status().equals("Settled")).isTrue());
        assertThat(client.request(bitmex.pingRequest()).isSuccess()).isTrue();

        List<Balance> balances = bitmex.trading().parseBalances(client.request(bitmex.trading().account()));
        assertThat(balances).extracting(Balance::asset).contains("XBt", "USDt");
        assertThat(balances).allSatisfy(b -> assertThat(b.free()).isPositive());

        Request place = bitmex.trading().newOrder(OrderRequest.limit("XBTUSD", Side.BUY, new BigDecimal("200"),
                new BigDecimal("60000.5")));
        Response placing = client.request(place);
        Order placed = Read.order(bitmex, placing);
        // BitMEX blog, "Second Layer Rate Limits": order-route answers carry x-ratelimit-remaining-1s.
        assertThat(bitmex.readRateLimits(placing)).contains(RateLimitReading.remaining("ORDER_ROUTES", 9, null));
        assertThat(placed.status()).isEqualTo(OrderStatus.NEW);
        assertThat(placed.clientOrderId()).startsWith("antrest-");
        assertThat(placed.price()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("60000.5"));

        Order byClientId = Read.order(bitmex, client.request(
                bitmex.trading().queryOrder(OrderRef.byClientOrderId("XBTUSD", placed.clientOrderId()))));
        assertThat(byClientId.orderId()).isEqualTo(placed.orderId());

        Order canceled = Read.order(bitmex, client.request(
                bitmex.trading().cancelOrder(OrderRef.byOrderId("XBTUSD", placed.orderId()))));
        assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);

        Order byId = Read.order(bitmex, client.request(
                bitmex.trading().queryOrder(OrderRef.byOrderId("XBTUSD", placed.orderId()))));
        assertThat(byId.status()).isEqualTo(OrderStatus.CANCELED);

        Response unknown = refusal(client, bitmex.trading().cancelOrder(OrderRef.byClientOrderId("XBTUSD", "nope")));
        assertThat(Read.error(bitmex, unknown).kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(bitmex.readRateLimits(unknown)).extracting(RateLimitReading::rule).contains("REQUESTS");
    }

    @Test
    void duplicateClOrdIdIsRefusedAsOrderRejected() {
        Exchange bitmex = exchange(Credentials.hmac(KEY, SECRET));
        RestClient client = client(bitmex);
        OrderRequest order = OrderRequest.limit("XBTUSD", Side.SELL, new BigDecimal("100"), new BigDecimal("70000"))
                .withClientOrderId("dup-1");

        client.request(bitmex.trading().newOrder(order));
        Response second = refusal(client, bitmex.trading().newOrder(order));

        assertThat(Read.error(bitmex, second).kind()).isEqualTo(ErrorKind.ORDER_REJECTED);
        assertThat(sim.ordersPlaced("dup-1")).isEqualTo(1);
    }

    /**
     * A wrong secret is 401 "Signature not valid."; an expired {@code api-expires} is 400 "This
     * request has expired" (BitMEX/sample-market-maker#49, BitMEX/api-connectors#506): a clock to
     * re-sync, not a bad request.
     */
    @Test
    void wrongSecretIsAuthenticationAndExpiredIsTimestamp() {
        Exchange wrong = exchange(Credentials.hmac(KEY, SECRET + "x"));
        Response bad = refusal(client(wrong), wrong.trading().account());
        assertThat(Read.error(wrong, bad).kind()).isEqualTo(ErrorKind.AUTHENTICATION);

        Exchange right = exchange(Credentials.hmac(KEY, SECRET));
        Response expired = refusal(client(right, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5))), right.trading().account());
        assertThat(expired.status()).isEqualTo(400);
        assertThat(Read.error(right, expired).kind()).isEqualTo(ErrorKind.TIMESTAMP_OUT_OF_WINDOW);
    }

    /**
     * BitMEX's API has no clock endpoint (swagger.json), so the plugin reads the {@code Date} header
     * (RFC 9110, 6.6.1) of an unsigned ping: it is answered even when our clock is so far behind
     * that every signed request is refused as expired.
     */
    @Test
    void theClockRequestIsUnsignedAndReadsTheExchangesDateHeader() {
        Clock aheadOfUs = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
        sim.close();
        sim = SimExchange.builder().port(0).clock(aheadOfUs).build().start();
        sim.addBitmexKey(KEY, SECRET);
        Exchange bitmex = exchange(Credentials.hmac(KEY, SECRET));
        RestClient client = client(bitmex);

        assertThat(refusal(client, bitmex.trading().account()).status()).isEqualTo(400);
        Instant before = aheadOfUs.instant().truncatedTo(ChronoUnit.SECONDS);
        Response time = client.request(bitmex.serverTimeRequest().orElseThrow());
        Instant after = aheadOfUs.instant().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);

        assertThat(time.isSuccess()).isTrue();
        assertThat(bitmex.parseServerTime(time)).isBetween(before, after);
    }

    @Test
    void injected429IsHonouredAndTheGetRetried() {
        Exchange bitmex = exchange(Credentials.hmac(KEY, SECRET));
        RestClient client = client(bitmex);
        sim.faults().path("/api/v1/user/margin").statuses(429);

        Response r = client.request(bitmex.trading().account());

        assertThat(bitmex.trading().parseBalances(r)).isNotEmpty();
        assertThat(r.attempt()).isEqualTo(2);
        assertThat(sim.received("/api/v1/user/margin")).isEqualTo(2);
    }

    @Test
    void orderWhoseAnswerIsLostIsNotSentAgainAndCanBeFound() {
        Exchange bitmex = exchange(Credentials.hmac(KEY, SECRET));
        RestClient client = client(bitmex);
        sim.faults().on("POST", "/api/v1/order").resetAfterProcessing(1);
        OrderRequest order = OrderRequest.limit("XBTUSD", Side.BUY, new BigDecimal("100"), new BigDecimal("60000"))
                .withClientOrderId("lost-1");

        assertThatThrownBy(() -> client.submit(bitmex.trading().newOrder(order)).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfAny(OutcomeUnknownException.class, TransportException.class);

        assertThat(sim.ordersPlaced("lost-1")).isEqualTo(1);
        assertThat(sim.orderAttempts("lost-1")).isEqualTo(1);
        Order found = Read.order(bitmex, client.request(bitmex.trading().queryOrder(OrderRef.byClientOrderId("XBTUSD", "lost-1"))));
        assertThat(found.status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void publicCallsWorkWithoutCredentials() {
        Exchange bitmex = new BitmexProvider().create(ExchangeSettings.builder().url(sim.bitmexUrl()).build());
        RestClient client = client(bitmex);

        assertThat(bitmex.parseContracts(client.request(bitmex.contractsRequest()))).isNotEmpty();
    }
}
