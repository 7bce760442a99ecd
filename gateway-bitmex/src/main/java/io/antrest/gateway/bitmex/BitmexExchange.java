package io.antrest.gateway.bitmex;

import io.antrest.core.Printable;
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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
    /** BitMEX's limit on the order routes: 10 requests per second, besides the per-minute limit. */
    static final int ORDER_ROUTES_PER_SECOND = 10;
    /** The rule of requests per minute, per API key (BitMEX API docs, "Rate Limits"). */
    static final String REQUESTS = "REQUESTS";
    /** The rule of order-route requests per second (BitMEX API docs, "Rate Limits": x-ratelimit-remaining-1s). */
    static final String ORDER_ROUTES = "ORDER_ROUTES";
    private static final List<RateLimitRule> RULES = List.of(
            new RateLimitRule(REQUESTS, RateLimitRule.Scope.ACCOUNT, REQUESTS_PER_MINUTE, Duration.ofMinutes(1)),
            new RateLimitRule(ORDER_ROUTES, RateLimitRule.Scope.ENDPOINT, ORDER_ROUTES_PER_SECOND, Duration.ofSeconds(1)));
    private static final List<RateLimitCost> REQUEST = List.of(new RateLimitCost(REQUESTS, "", 1));
    private static final List<RateLimitCost> ORDER_ROUTE = List.of(new RateLimitCost(REQUESTS, "", 1),
            new RateLimitCost(ORDER_ROUTES, "", 1));

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
     * The ping, sent unsigned, whose answer's {@code Date} header is BitMEX's clock. BitMEX has no
     * clock endpoint in its API (swagger.json lists none), but refuses a request whose
     * {@code api-expires} has passed by its clock (HTTP 400, "This request has expired"): the
     * runtime measures the offset at connect and again after such a refusal. Unsigned, because a
     * signature made with the wrong clock would be refused the same way.
     */
    @Override
    public Optional<Request> serverTimeRequest() {
        return Optional.of(pingRequest().toBuilder().header(BitmexSigner.UNSIGNED_MARKER_HEADER, "1").build());
    }

    /**
     * The {@code Date} header (RFC 9110, 6.6.1: whole seconds, the time the answer was made) plus
     * half a second, the middle of the second it names.
     */
    @Override
    public Instant parseServerTime(Response response) {
        String date = response.header("Date").orElseThrow(() -> new IllegalArgumentException(
                "the BitMEX answer has no Date header to read the time from"));
        try {
            return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().plusMillis(500);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the BitMEX answer's Date header is not an HTTP date: "
                    + Printable.of(date, 64), e);
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

    /** BitMEX answers every error with a non-2xx status; a 2xx answer carries none. */
    @Override
    public Optional<ExchangeError> readError(Request request, Response response) {
        return response.isSuccess() ? Optional.empty() : Optional.of(BitmexErrors.classify(response));
    }

    /**
     * {@code x-ratelimit-remaining} until {@code x-ratelimit-reset} (Unix seconds) for the per-minute
     * limit, and {@code x-ratelimit-remaining-1s} for the order routes' per-second limit.
     */
    @Override
    public List<RateLimitReading> readRateLimits(Response response) {
        OptionalLong remaining = longHeader(response, "x-ratelimit-remaining");
        OptionalLong perSecond = longHeader(response, "x-ratelimit-remaining-1s");
        if (remaining.isEmpty() && perSecond.isEmpty()) {
            return List.of();
        }
        List<RateLimitReading> out = new ArrayList<>(2);
        if (remaining.isPresent()) {
            OptionalLong reset = longHeader(response, "x-ratelimit-reset");
            out.add(RateLimitReading.remaining(REQUESTS, remaining.getAsLong(),
                    reset.isPresent() ? Instant.ofEpochSecond(reset.getAsLong()) : null));
        }
        perSecond.ifPresent(v -> out.add(RateLimitReading.remaining(ORDER_ROUTES, v, null)));
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

    /** Requests per minute per key, and the order routes' requests per second. */
    @Override
    public List<RateLimitRule> rateLimits() {
        return RULES;
    }

    /** One request in the per-minute rule; an order route (POST, PUT or DELETE under /order) one more per second. */
    @Override
    public List<RateLimitCost> costOf(Request request) {
        return BitmexEndpoints.isOrderRoute(request) ? ORDER_ROUTE : REQUEST;
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
