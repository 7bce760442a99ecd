package io.antrest.gateway.binance;

import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.Response;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeError;
import io.antrest.gateway.spi.RateLimitCost;
import io.antrest.gateway.spi.RateLimitReading;
import io.antrest.gateway.spi.RateLimitRule;
import io.antrest.gateway.spi.TradingApi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/** Binance spot as one set of settings made it: base URL, signer, endpoints and readers. Immutable. */
final class BinanceExchange implements Exchange {
    static final String LIVE_URL = "https://api.binance.com";
    static final String TESTNET_URL = "https://testnet.binance.vision";
    /** Binance's REQUEST_WEIGHT limit per minute (exchangeInfo's rateLimits says the same). */
    static final int WEIGHT_PER_MINUTE = 6000;
    /** Binance's ORDERS limit per 10 seconds (exchangeInfo's rateLimits). */
    static final int ORDERS_PER_10_SECONDS = 100;
    /** Binance's ORDERS limit per day (exchangeInfo's rateLimits: 200 000 per DAY). */
    static final int ORDERS_PER_DAY = 200_000;
    /** The rule of request weight per minute, counted per IP (Binance spot API docs, "LIMITS": IP limits). */
    static final String REQUEST_WEIGHT = "REQUEST_WEIGHT";
    /** The rule of new orders per 10 seconds, counted per account (docs, "LIMITS": unfilled order count). */
    static final String ORDERS_10S = "ORDERS_10S";
    /** The rule of new orders per day, counted per account. */
    static final String ORDERS_1D = "ORDERS_1D";

    private final String baseUrl;
    private final BinanceSigner signer;
    private final int weightPerMinute;
    private final int ordersPer10Seconds;
    private final BinanceTrading trading = new BinanceTrading();
    private final List<RateLimitRule> rules;
    private final RateLimitCost orderCost10s;
    private final RateLimitCost orderCostDay;

    BinanceExchange(String baseUrl, BinanceSigner signer) {
        this(baseUrl, signer, WEIGHT_PER_MINUTE, ORDERS_PER_10_SECONDS);
    }

    /** With the REQUEST_WEIGHT per minute and the orders per 10 s that the exchange (or a simulator) allows. */
    BinanceExchange(String baseUrl, BinanceSigner signer, int weightPerMinute, int ordersPer10Seconds) {
        this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
        this.signer = requireNonNull(signer, "signer is null");
        if (weightPerMinute < 1) {
            throw new IllegalArgumentException("weightPerMinute must be at least 1, was " + weightPerMinute);
        }
        this.weightPerMinute = weightPerMinute;
        if (ordersPer10Seconds < 1) {
            throw new IllegalArgumentException("ordersPer10Seconds must be at least 1, was " + ordersPer10Seconds);
        }
        this.ordersPer10Seconds = ordersPer10Seconds;
        RateLimitRule orders10s = new RateLimitRule(ORDERS_10S, RateLimitRule.Scope.ORDERS, ordersPer10Seconds,
                Duration.ofSeconds(10));
        RateLimitRule ordersDay = new RateLimitRule(ORDERS_1D, RateLimitRule.Scope.ORDERS, ORDERS_PER_DAY, Duration.ofDays(1));
        this.rules = List.of(new RateLimitRule(REQUEST_WEIGHT, RateLimitRule.Scope.IP, weightPerMinute, Duration.ofMinutes(1)),
                orders10s, ordersDay);
        this.orderCost10s = orders10s.cost(1);
        this.orderCostDay = ordersDay.cost(1);
    }

    @Override
    public String name() {
        return BinanceProvider.NAME;
    }

    @Override
    public String liveUrl() {
        return LIVE_URL;
    }

    @Override
    public String testnetUrl() {
        return TESTNET_URL;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public RequestSigner signer() {
        return signer;
    }

    @Override
    public Request pingRequest() {
        return Request.get(BinanceEndpoints.PING).weight(1).build();
    }

    @Override
    public Optional<Request> serverTimeRequest() {
        return Optional.of(Request.get(BinanceEndpoints.TIME).weight(1).build());
    }

    @Override
    public Instant parseServerTime(Response response) {
        return BinanceParsers.serverTime(response);
    }

    @Override
    public Request contractsRequest() {
        return Request.get(BinanceEndpoints.EXCHANGE_INFO).weight(20).build();
    }

    @Override
    public List<Contract> parseContracts(Response response) {
        return BinanceParsers.contracts(response);
    }

    /** Binance answers every error with a non-2xx status; a 2xx answer carries none. */
    @Override
    public Optional<ExchangeError> readError(Request request, Response response) {
        return response.isSuccess() ? Optional.empty() : Optional.of(BinanceErrors.classify(response));
    }

    /**
     * {@code X-MBX-USED-WEIGHT-1M} as the weight used this minute, {@code X-MBX-ORDER-COUNT-10S} and
     * {@code X-MBX-ORDER-COUNT-1D} as the orders counted (Binance spot API docs, "LIMITS").
     */
    @Override
    public List<RateLimitReading> readRateLimits(Response response) {
        OptionalLong weight = longHeader(response, "X-MBX-USED-WEIGHT-1M");
        OptionalLong orders10s = longHeader(response, "X-MBX-ORDER-COUNT-10S");
        OptionalLong ordersDay = longHeader(response, "X-MBX-ORDER-COUNT-1D");
        if (weight.isEmpty() && orders10s.isEmpty() && ordersDay.isEmpty()) {
            return List.of();
        }
        List<RateLimitReading> out = new ArrayList<>(3);
        weight.ifPresent(v -> out.add(RateLimitReading.used(REQUEST_WEIGHT, v)));
        orders10s.ifPresent(v -> out.add(RateLimitReading.used(ORDERS_10S, v)));
        ordersDay.ifPresent(v -> out.add(RateLimitReading.used(ORDERS_1D, v)));
        return out;
    }

    private static OptionalLong longHeader(Response response, String name) {
        Optional<String> v = response.header(name);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Request weight per minute (per IP), new orders per 10 seconds and per day (per account). */
    @Override
    public List<RateLimitRule> rateLimits() {
        return rules;
    }

    /** The request's weight; a new order also counts once in each order rule. */
    @Override
    public List<RateLimitCost> costOf(Request request) {
        RateLimitCost weight = new RateLimitCost(REQUEST_WEIGHT, "", BinanceEndpoints.weightOf(request));
        if (BinanceEndpoints.placesOrder(request)) {
            return List.of(weight, orderCost10s, orderCostDay);
        }
        return List.of(weight);
    }

    @Override
    public TradingApi trading() {
        return trading;
    }

    @Override
    public String toString() {
        return "BinanceExchange{" + baseUrl + ", " + signer + "}";
    }
}
