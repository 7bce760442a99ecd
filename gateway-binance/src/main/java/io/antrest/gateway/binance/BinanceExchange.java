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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Binance spot as one set of settings made it: base URL, signer, endpoints, readers and rate
 * limits. Immutable.
 *
 * <p>Rate limits (rest-api.md, "LIMITS"; enums.md, "Rate limiters (rateLimitType)"): request
 * weight per minute and raw requests per 5 minutes, counted per IP; new orders per 10 seconds and
 * per day, counted per account. Until the exchange states its own in exchangeInfo's
 * {@code rateLimits} ({@link #rateLimits(Response)}, at connect), the plugin keeps to 6000 weight
 * per minute (CHANGELOG 2023-08-25), 300 000 raw requests per 5 minutes (CHANGELOG 2026-03-27),
 * and 100 orders per 10 s and 200 000 per day, which the docs do not state (their examples show
 * other numbers): the values api.binance.com's exchangeInfo gave when this plugin was written. The
 * options {@code weight_limit} and {@code order_limit}, when set, stay above what the exchange states.
 */
final class BinanceExchange implements Exchange {
    static final String LIVE_URL = "https://api.binance.com";
    static final String TESTNET_URL = "https://testnet.binance.vision";
    /** Binance's REQUEST_WEIGHT limit per minute until exchangeInfo says otherwise. */
    static final int WEIGHT_PER_MINUTE = 6000;
    /** Binance's ORDERS limit per 10 seconds until exchangeInfo says otherwise. */
    static final int ORDERS_PER_10_SECONDS = 100;
    /** Binance's ORDERS limit per day until exchangeInfo says otherwise. */
    static final int ORDERS_PER_DAY = 200_000;
    /** Binance's RAW_REQUESTS limit per 5 minutes until exchangeInfo says otherwise (CHANGELOG 2026-03-27). */
    static final int RAW_REQUESTS_PER_5_MINUTES = 300_000;
    /** The rule of request weight per minute, counted per IP (rateLimitType REQUEST_WEIGHT, 1 MINUTE). */
    static final String REQUEST_WEIGHT = "REQUEST_WEIGHT";
    /** The rule of new orders per 10 seconds, counted per account (rateLimitType ORDERS, 10 SECOND). */
    static final String ORDERS_10S = "ORDERS_10S";
    /** The rule of new orders per day, counted per account (rateLimitType ORDERS, 1 DAY). */
    static final String ORDERS_1D = "ORDERS_1D";
    /** The rule of requests per 5 minutes whatever their weight, per IP (rateLimitType RAW_REQUESTS, 5 MINUTE). */
    static final String RAW_REQUESTS = "RAW_REQUESTS";

    private final String baseUrl;
    private final BinanceSigner signer;
    private final BinanceTrading trading;
    private final OptionalInt weightOverride;
    private final OptionalInt ordersOverride;
    private final List<RateLimitRule> rules;

    BinanceExchange(String baseUrl, BinanceSigner signer) {
        this(baseUrl, signer, OptionalInt.empty(), OptionalInt.empty());
    }

    /**
     * With the REQUEST_WEIGHT per minute and the orders per 10 s the user set, if any: they stay
     * whatever the exchange states.
     */
    BinanceExchange(String baseUrl, BinanceSigner signer, OptionalInt weightPerMinute, OptionalInt ordersPer10Seconds) {
        this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
        this.signer = requireNonNull(signer, "signer is null");
        this.trading = new BinanceTrading(Duration.ofMillis(signer.recvWindow()));
        this.weightOverride = positive(requireNonNull(weightPerMinute, "weightPerMinute is null"), "weightPerMinute");
        this.ordersOverride = positive(requireNonNull(ordersPer10Seconds, "ordersPer10Seconds is null"), "ordersPer10Seconds");
        this.rules = List.of(
                rule(REQUEST_WEIGHT, weightOverride.orElse(WEIGHT_PER_MINUTE)),
                rule(ORDERS_10S, ordersOverride.orElse(ORDERS_PER_10_SECONDS)),
                rule(ORDERS_1D, ORDERS_PER_DAY),
                rule(RAW_REQUESTS, RAW_REQUESTS_PER_5_MINUTES));
    }

    private static OptionalInt positive(OptionalInt value, String name) {
        if (value.isPresent() && value.getAsInt() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value.getAsInt());
        }
        return value;
    }

    /** A rule of this plugin by its name, with its scope and window. */
    private static RateLimitRule rule(String name, int limit) {
        return switch (name) {
            case REQUEST_WEIGHT -> new RateLimitRule(name, RateLimitRule.Scope.IP, limit, Duration.ofMinutes(1));
            case ORDERS_10S -> new RateLimitRule(name, RateLimitRule.Scope.ORDERS, limit, Duration.ofSeconds(10));
            case ORDERS_1D -> new RateLimitRule(name, RateLimitRule.Scope.ORDERS, limit, Duration.ofDays(1));
            case RAW_REQUESTS -> new RateLimitRule(name, RateLimitRule.Scope.IP, limit, Duration.ofMinutes(5));
            default -> throw new IllegalArgumentException("no Binance rate-limit rule " + name);
        };
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

    /** Request weight per minute and raw requests per 5 minutes (per IP), new orders per 10 seconds and per day (per account). */
    @Override
    public List<RateLimitRule> rateLimits() {
        return rules;
    }

    /**
     * The limits exchangeInfo's {@code rateLimits} states (rest-api.md, "Exchange information";
     * enums.md, "Rate limiters (rateLimitType)" and "Rate limit intervals (interval)"): REQUEST_WEIGHT
     * per 1 MINUTE, ORDERS per 10 SECOND and per 1 DAY, RAW_REQUESTS per 5 MINUTE, each as its rule
     * of {@link #rateLimits()}; a limit of another interval has no rule here and is not kept to. A
     * rule the exchange does not state is left out ("All limits are optional"), except the ones the
     * user set ({@code weight_limit}, {@code order_limit}), which stay as set. An answer without any
     * limit of those kinds gives {@link #rateLimits()}.
     */
    @Override
    public List<RateLimitRule> rateLimits(Response contractsAnswer) {
        Map<String, Integer> stated = new LinkedHashMap<>();
        for (BinanceParsers.StatedLimit limit : BinanceParsers.statedLimits(contractsAnswer)) {
            String name = ruleOf(limit);
            if (name != null) {
                stated.merge(name, limit.limit(), Math::min);
            }
        }
        if (stated.isEmpty()) {
            return rules;
        }
        weightOverride.ifPresent(v -> stated.put(REQUEST_WEIGHT, v));
        ordersOverride.ifPresent(v -> stated.put(ORDERS_10S, v));
        List<RateLimitRule> out = new ArrayList<>(stated.size());
        for (RateLimitRule r : rules) {
            Integer limit = stated.get(r.name());
            if (limit != null) {
                out.add(rule(r.name(), limit));
            }
        }
        return List.copyOf(out);
    }

    /** The rule of a stated limit, by its type and interval; null for one this plugin has no rule of. */
    private static String ruleOf(BinanceParsers.StatedLimit limit) {
        String shape = limit.type() + " " + limit.intervalNum() + " " + limit.interval();
        return switch (shape) {
            case "REQUEST_WEIGHT 1 MINUTE" -> REQUEST_WEIGHT;
            case "ORDERS 10 SECOND" -> ORDERS_10S;
            case "ORDERS 1 DAY" -> ORDERS_1D;
            case "RAW_REQUESTS 5 MINUTE" -> RAW_REQUESTS;
            default -> null;
        };
    }

    /**
     * The request's weight (rest-api.md, each endpoint's "Weight"), one raw request, and, for a
     * request that places orders, their number in each order rule (its "Unfilled Order Count").
     */
    @Override
    public List<RateLimitCost> costOf(Request request) {
        RateLimitCost weight = new RateLimitCost(REQUEST_WEIGHT, "", BinanceEndpoints.weightOf(request));
        RateLimitCost raw = new RateLimitCost(RAW_REQUESTS, "", 1);
        int orders = BinanceEndpoints.ordersOf(request);
        if (orders > 0) {
            return List.of(weight, raw, new RateLimitCost(ORDERS_10S, "", orders), new RateLimitCost(ORDERS_1D, "", orders));
        }
        return List.of(weight, raw);
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
