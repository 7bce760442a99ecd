package io.antrest.gateway.bitmex;

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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/** BitMEX as one set of settings made it: base URL, signer, endpoints and readers. Immutable. */
final class BitmexExchange implements Exchange {
    static final String LIVE_URL = "https://www.bitmex.com/api/v1";
    static final String TESTNET_URL = "https://testnet.bitmex.com/api/v1";
    /** BitMEX's REST limit: 120 requests per minute per key. */
    static final int REQUESTS_PER_MINUTE = 120;

    private final String baseUrl;
    private final BitmexSigner signer;
    private final BitmexTrading trading = new BitmexTrading();

    BitmexExchange(String baseUrl, BitmexSigner signer) {
        this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
        this.signer = requireNonNull(signer, "signer is null");
    }

    @Override
    public String name() {
        return BitmexProvider.NAME;
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

    /** One instrument, the perpetual XBTUSD: small and always there. */
    @Override
    public Request pingRequest() {
        return Request.get(BitmexEndpoints.INSTRUMENT).param("symbol", "XBTUSD").param("count", "1").build();
    }

    /**
     * None: BitMEX's signature carries an expiry ({@code api-expires}, default 60 s ahead), not a
     * timestamp checked against a narrow window, so antrest does not measure its clock.
     */
    @Override
    public Optional<Request> serverTimeRequest() {
        return Optional.empty();
    }

    /** The {@code Date} header of any answer, for callers that want BitMEX's time anyway. */
    @Override
    public Instant parseServerTime(Response response) {
        String date = response.header("Date").orElseThrow(() -> new IllegalArgumentException(
                "the BitMEX answer has no Date header to read the time from"));
        try {
            return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the BitMEX answer's Date header is not an HTTP date: " + date, e);
        }
    }

    @Override
    public Request contractsRequest() {
        return Request.get(BitmexEndpoints.INSTRUMENT_ACTIVE).build();
    }

    @Override
    public List<Contract> parseContracts(Response response) {
        return BitmexParsers.contracts(response);
    }

    @Override
    public ExchangeError classify(Response response) {
        return BitmexErrors.classify(response);
    }

    /** {@code x-ratelimit-limit}, {@code x-ratelimit-remaining} and {@code x-ratelimit-reset} (Unix seconds). */
    @Override
    public RateLimitStatus readRateLimit(Response response) {
        OptionalLong limit = longHeader(response, "x-ratelimit-limit");
        OptionalLong remaining = longHeader(response, "x-ratelimit-remaining");
        OptionalLong reset = longHeader(response, "x-ratelimit-reset");
        OptionalLong used = limit.isPresent() && remaining.isPresent()
                ? OptionalLong.of(Math.max(0, limit.getAsLong() - remaining.getAsLong())) : OptionalLong.empty();
        return new RateLimitStatus(used, limit, remaining,
                reset.isPresent() ? Optional.of(Instant.ofEpochSecond(reset.getAsLong())) : Optional.empty(),
                OptionalLong.empty());
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
        return new RateLimitRule(REQUESTS_PER_MINUTE, Duration.ofMinutes(1));
    }

    /** Every BitMEX request counts as one against the per-minute limit. */
    @Override
    public int weightOf(Request request) {
        return 1;
    }

    @Override
    public TradingApi trading() {
        return trading;
    }

    @Override
    public String toString() {
        return "BitmexExchange{" + baseUrl + ", " + signer + "}";
    }
}
