package io.antrest.gateway.binance;

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
import io.antrest.gateway.spi.KeyType;
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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Binance plugin against the loopback simulator, through a real rest-core client. */
class BinanceSimRoundTripTest {
    private static final String KEY = "simKeyBinance0001";
    private static final String SECRET = "simSecretBinance0001simSecretBinance0001simSecretBinance0001abcd";

    private SimExchange sim;
    private final List<RestClient> clients = new ArrayList<>();

    @BeforeEach
    void startSim() {
        sim = SimExchange.builder().port(0).build().start();
        sim.addBinanceKey(KEY, SECRET);
    }

    @AfterEach
    void stopAll() {
        clients.forEach(RestClient::close);
        sim.close();
    }

    private Exchange exchange(Credentials credentials) {
        return new BinanceProvider().create(ExchangeSettings.builder().url(sim.binanceUrl()).credentials(credentials).build());
    }

    private RestClient client(Exchange exchange, Clock clock) {
        RestClient c = RestClient.builder("binance")
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

    private static Refusal refusal(RestClient client, Request request) {
        try {
            client.submit(request).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RequestFailedException f) {
                return new Refusal(f.response());
            }
            throw new AssertionError("expected a refusal, got " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a refusal of " + request + ", got a 2xx answer");
    }

    private record Refusal(Response response) {
    }

    @Test
    void contractsAccountPlaceQueryAndCancel() {
        Exchange binance = exchange(Credentials.hmac(KEY, SECRET));
        RestClient client = client(binance);

        List<Contract> contracts = binance.parseContracts(client.request(binance.contractsRequest()));
        assertThat(contracts).hasSizeGreaterThan(10);
        Contract btc = contracts.stream().filter(c -> c.symbol().equals("BTCUSDT")).findFirst().orElseThrow();
        assertThat(btc.tickSize()).isEqualByComparingTo("0.01");
        assertThat(btc.lotSize()).isEqualByComparingTo("0.00001");
        assertThat(btc.minNotional()).isEqualByComparingTo("5");
        assertThat(btc.trading()).isTrue();
        assertThat(contracts).anySatisfy(c -> assertThat(c.trading()).isFalse());

        List<Balance> balances = binance.trading().parseBalances(client.request(binance.trading().account()));
        assertThat(balances).anySatisfy(b -> {
            assertThat(b.asset()).isEqualTo("USDT");
            assertThat(b.free()).isPositive();
        });

        Request place = binance.trading().newOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"),
                new BigDecimal("60000.00")));
        String clientOrderId = place.param("newClientOrderId").orElseThrow();
        Order placed = Read.order(binance, client.request(place));
        assertThat(placed.clientOrderId()).isEqualTo(clientOrderId);
        assertThat(placed.status()).isEqualTo(OrderStatus.NEW);
        assertThat(placed.price()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("60000"));
        assertThat(placed.quantity()).isEqualByComparingTo("0.001");

        Order queried = Read.order(binance, client.request(
                binance.trading().queryOrder(OrderRef.byClientOrderId("BTCUSDT", clientOrderId))));
        assertThat(queried.orderId()).isEqualTo(placed.orderId());
        assertThat(queried.status()).isEqualTo(OrderStatus.NEW);

        Order canceled = Read.order(binance, client.request(
                binance.trading().cancelOrder(OrderRef.byOrderId("BTCUSDT", placed.orderId()))));
        assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(canceled.clientOrderId()).isEqualTo(clientOrderId);

        Response again = refusal(client, binance.trading().cancelOrder(OrderRef.byOrderId("BTCUSDT", placed.orderId()))).response();
        assertThat(Read.error(binance, again).kind()).isEqualTo(ErrorKind.NOT_FOUND);
        Response unknown = refusal(client, binance.trading().queryOrder(OrderRef.byClientOrderId("BTCUSDT", "nope"))).response();
        assertThat(Read.error(binance, unknown).kind()).isEqualTo(ErrorKind.NOT_FOUND);

        assertThat(binance.readRateLimits(again)).extracting(RateLimitReading::rule).contains("REQUEST_WEIGHT");
    }

    /**
     * rest-api.md, "New order (TRADE)", newClientOrderId: unique among open orders, so a duplicate is
     * read as errors.md's -2010 NEW_ORDER_REJECTED "Duplicate order sent." (ORDER_REJECTED) while the
     * first is open, and the id is taken again once it is cancelled; a query by the id then reads
     * the latest order (the simulator's choice where "Query order (USER_DATA)" is silent).
     */
    @Test
    void aDuplicateIsReadAsRejectedAndTheIdIsTakenAgainOnceItsOrderIsCancelled() {
        Exchange binance = exchange(Credentials.hmac(KEY, SECRET));
        RestClient client = client(binance);
        OrderRequest order = OrderRequest.limit("ETHUSDT", Side.BUY, new BigDecimal("0.01"), new BigDecimal("3000"))
                .withClientOrderId("reuse-after-cancel");
        Order first = binance.trading().parseNewOrder(order, client.request(binance.trading().newOrder(order)));

        Response duplicate = refusal(client, binance.trading().newOrder(order)).response();
        assertThat(Read.error(binance, duplicate).kind()).isEqualTo(ErrorKind.ORDER_REJECTED);
        assertThat(Read.error(binance, duplicate).code()).isEqualTo("-2010");
        assertThat(Read.error(binance, duplicate).message()).isEqualTo("Duplicate order sent.");
        assertThat(sim.ordersPlaced("reuse-after-cancel")).isEqualTo(1);
        assertThat(sim.orderAttempts("reuse-after-cancel")).isEqualTo(2);

        OrderRef byId = OrderRef.byClientOrderId("ETHUSDT", "reuse-after-cancel");
        assertThat(Read.order(binance, client.request(binance.trading().cancelOrder(byId))).status())
                .isEqualTo(OrderStatus.CANCELED);
        Order second = binance.trading().parseNewOrder(order, client.request(binance.trading().newOrder(order)));
        assertThat(second.orderId()).isNotEqualTo(first.orderId());
        assertThat(second.clientOrderId()).isEqualTo("reuse-after-cancel");
        Order queried = Read.order(binance, client.request(binance.trading().queryOrder(byId)));
        assertThat(queried.orderId()).isEqualTo(second.orderId());
        assertThat(queried.status()).isEqualTo(OrderStatus.NEW);
    }

    /**
     * The limits a simulator with its own weight and order limits states in exchangeInfo's
     * rateLimits (rest-api.md, "Exchange information") are the plugin's rules once read; it states
     * no RAW_REQUESTS, which is then not kept to.
     */
    @Test
    void theLimitsTheSimulatorStatesAreThePluginsOnceRead() {
        try (SimExchange limited = SimExchange.builder().port(0).binanceWeightLimit(1234).binanceOrderLimits(7, 999)
                .build().start()) {
            Exchange binance = new BinanceProvider().create(ExchangeSettings.builder().url(limited.binanceUrl()).build());
            Response info = client(binance).request(binance.contractsRequest());

            assertThat(binance.rateLimits(info)).extracting(r -> r.name() + " " + r.limit() + " per " + r.window())
                    .containsExactly("REQUEST_WEIGHT 1234 per PT1M", "ORDERS_10S 7 per PT10S", "ORDERS_1D 999 per PT24H");
        }
    }

    @Test
    void wrongSecretOrUnknownKeyIsAuthentication() {
        Exchange wrongSecret = exchange(Credentials.hmac(KEY, SECRET + "x"));
        Exchange unknownKey = exchange(Credentials.hmac("nobody", SECRET));

        Response bad = refusal(client(wrongSecret), wrongSecret.trading().account()).response();
        Response nobody = refusal(client(unknownKey), unknownKey.trading().account()).response();

        assertThat(Read.error(wrongSecret, bad).kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(Read.error(wrongSecret, bad).code()).isEqualTo("-1022");
        assertThat(Read.error(unknownKey, nobody).kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(Read.error(unknownKey, nobody).code()).isEqualTo("-2015");
    }

    @Test
    void clockBehindTheServerIsTimestampOutOfWindow() {
        Exchange binance = exchange(Credentials.hmac(KEY, SECRET));
        Clock late = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-30));

        Response r = refusal(client(binance, late), binance.trading().account()).response();

        assertThat(Read.error(binance, r).kind()).isEqualTo(ErrorKind.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(Read.error(binance, r).code()).isEqualTo("-1021");
    }

    @Test
    void injected429IsHonouredAndTheGetRetried() {
        Exchange binance = exchange(Credentials.hmac(KEY, SECRET));
        RestClient client = client(binance);
        sim.faults().path("/api/v3/account").statuses(429);

        Response r = client.request(binance.trading().account());

        assertThat(binance.trading().parseBalances(r)).isNotEmpty();
        assertThat(r.attempt()).isEqualTo(2);
        assertThat(sim.received("/api/v3/account")).isEqualTo(2);
    }

    @Test
    void a429OnAnOrderIsClassifiedAndNotResent() {
        Exchange binance = exchange(Credentials.hmac(KEY, SECRET));
        RestClient client = client(binance);
        sim.faults().on("POST", "/api/v3/order").statuses(429);
        Request place = binance.trading().newOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"),
                new BigDecimal("60000")));

        Response r = refusal(client, place).response();

        assertThat(Read.error(binance, r).kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(Read.error(binance, r).retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(sim.received("/api/v3/order")).isEqualTo(1);
    }

    @Test
    void orderWhoseAnswerIsLostIsNotSentAgainAndCanBeFound() throws Exception {
        Exchange binance = exchange(Credentials.hmac(KEY, SECRET));
        RestClient client = client(binance);
        sim.faults().on("POST", "/api/v3/order").resetAfterProcessing(1);
        Request place = binance.trading().newOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"),
                new BigDecimal("60000")));
        String id = place.param("newClientOrderId").orElseThrow();

        assertThatThrownBy(() -> client.submit(place).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfAny(OutcomeUnknownException.class, TransportException.class);

        assertThat(sim.ordersPlaced(id)).isEqualTo(1);
        assertThat(sim.orderAttempts(id)).isEqualTo(1);
        Order found = Read.order(binance, client.request(binance.trading().queryOrder(OrderRef.byClientOrderId("BTCUSDT", id))));
        assertThat(found.status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void ed25519AndRsaKeysAreAcceptedByTheSimulator() throws Exception {
        for (String algorithm : new String[] {"Ed25519", "RSA"}) {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("RSA")) {
                g.initialize(2048);
            }
            KeyPair pair = g.generateKeyPair();
            String apiKey = "sim-" + algorithm;
            sim.addBinanceKey(apiKey, pair.getPublic());
            Exchange binance = exchange(new Credentials(apiKey, BinanceSignerTest.pem(pair),
                    algorithm.equals("RSA") ? KeyType.RSA : KeyType.ED25519));
            RestClient client = client(binance);

            assertThat(binance.trading().parseBalances(client.request(binance.trading().account()))).isNotEmpty();
            Order o = Read.order(binance, client.request(binance.trading().newOrder(
                    OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.0001")))));
            assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
        }
    }

    @Test
    void signEntryPointPrintsTheSameRequestForTheSameInputs() {
        // What "antrest sign" does: settings with credentials and URL, then sign at a fixed time.
        Exchange binance = exchange(Credentials.hmac(KEY, SECRET));
        Instant time = Instant.parse("2026-01-02T03:04:05.678Z");
        io.antrest.core.SigningContext ctx = new io.antrest.core.SigningContext(binance.baseUrl(), 1,
                Clock.fixed(time, ZoneOffset.UTC));
        Request r = binance.trading().account();

        Request a = binance.signer().sign(r, ctx);
        Request b = binance.signer().sign(r, ctx);

        assertThat(a.queryString()).isEqualTo(b.queryString());
        assertThat(a.param("timestamp")).contains(Long.toString(time.toEpochMilli()));
    }
}
