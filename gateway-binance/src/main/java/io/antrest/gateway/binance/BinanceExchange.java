package io.antrest.gateway.binance;

import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.Response;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeError;
import io.antrest.gateway.spi.RateLimitRule;
import io.antrest.gateway.spi.RateLimitStatus;
import io.antrest.gateway.spi.TradingApi;

import java.time.Duration;
import java.time.Instant;
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

    private final String baseUrl;
    private final BinanceSigner signer;
    private final int weightPerMinute;
    private final int ordersPer10Seconds;
    private final BinanceTrading trading = new BinanceTrading();

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

    @Override
    public ExchangeError classify(Response response) {
        return BinanceErrors.classify(response);
    }

    /** {@code X-MBX-USED-WEIGHT-1M} as used weight and {@code X-MBX-ORDER-COUNT-10S} as the order count. */
    @Override
    public RateLimitStatus readRateLimit(Response response) {
        OptionalLong used = longHeader(response, "X-MBX-USED-WEIGHT-1M");
        return new RateLimitStatus(used, used.isPresent() ? OptionalLong.of(weightPerMinute) : OptionalLong.empty(),
                used.isPresent() ? OptionalLong.of(Math.max(0, weightPerMinute - used.getAsLong())) : OptionalLong.empty(),
                Optional.empty(), longHeader(response, "X-MBX-ORDER-COUNT-10S"));
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

    @Override
    public RateLimitRule rateLimit() {
        return new RateLimitRule(weightPerMinute, Duration.ofMinutes(1));
    }

    @Override
    public java.util.Optional<RateLimitRule> orderRateLimit() {
        return java.util.Optional.of(new RateLimitRule(ordersPer10Seconds, Duration.ofSeconds(10)));
    }

    @Override
    public int weightOf(Request request) {
        return BinanceEndpoints.weightOf(request);
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
