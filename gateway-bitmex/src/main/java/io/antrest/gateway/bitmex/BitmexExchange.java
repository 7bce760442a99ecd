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
    /** BitMEX's REST limit with a key (API docs, "Limits": "120 requests per minute on all routes"). */
    static final int REQUESTS_PER_MINUTE = 120;
    /** BitMEX's REST limit without a key, per client address (API docs, "Limits": "reduced to 30 when unauthenticated"). */
    static final int UNAUTHENTICATED_REQUESTS_PER_MINUTE = 30;
    /** BitMEX's limit on the order routes, besides the per-minute one (API docs, "Limits": "10 requests per second"). */
    static final int ORDER_ROUTES_PER_SECOND = 10;
    /** The rule of requests per minute: per API key, or per client address without credentials. */
    static final String REQUESTS = "REQUESTS";
    /** The rule of order-route requests per second (x-ratelimit-remaining-1s). */
    static final String ORDER_ROUTES = "ORDER_ROUTES";
    private static final List<RateLimitCost> REQUEST = List.of(new RateLimitCost(REQUESTS, "", 1));
    private static final List<RateLimitCost> ORDER_ROUTE = List.of(new RateLimitCost(REQUESTS, "", 1),
            new RateLimitCost(ORDER_ROUTES, "", 1));

    private final String baseUrl;
    private final BitmexSigner signer;
    private final boolean authenticated;
    private final List<RateLimitRule> rules;
    private final int limitScale;
    private final BitmexTrading trading;

    /**
     * One exchange for these settings, with BitMEX's own limits.
     *
     * @param authenticated whether the settings hold credentials (every request is then signed and
     *                      counted against the key's limit, else against the address's)
     */
    BitmexExchange(String baseUrl, BitmexSigner signer, boolean authenticated) {
        this(baseUrl, signer, authenticated, 1);
    }

    /**
     * One exchange for these settings.
     *
     * @param authenticated whether the settings hold credentials (every request is then signed and
     *                      counted against the key's limit, else against the address's)
     * @param limitScale    what every documented limit is multiplied by (1: BitMEX's own; option
     *                      {@code limit_scale})
     */
    BitmexExchange(String baseUrl, BitmexSigner signer, boolean authenticated, int limitScale) {
        this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
        this.signer = requireNonNull(signer, "signer is null");
        this.trading = new BitmexTrading(signer.expiresWindowSeconds());
        this.authenticated = authenticated;
        this.limitScale = limitScale;
        RateLimitRule orderRoutes = keptTo(ORDER_ROUTES, RateLimitRule.Scope.ENDPOINT, ORDER_ROUTES_PER_SECOND * limitScale,
                Duration.ofSeconds(1));
        this.rules = authenticated
                ? List.of(keptTo(REQUESTS, RateLimitRule.Scope.ACCOUNT, REQUESTS_PER_MINUTE * limitScale, Duration.ofMinutes(1)),
                        orderRoutes)
                : List.of(keptTo(REQUESTS, RateLimitRule.Scope.IP, UNAUTHENTICATED_REQUESTS_PER_MINUTE * limitScale,
                        Duration.ofMinutes(1)), orderRoutes);
    }

    /**
     * The fixed-window rule that keeps to one of BitMEX's token buckets. BitMEX's limiters "implement
     * a Token Bucket mechanism and tokens are continuously refilled" (API docs, "Limits"): a bucket of
     * {@code capacity} refilled over {@code refill}. The runtime counts fixed windows, and a full
     * window's worth sent at the end of one window and again at the start of the next would ask twice
     * the capacity of a bucket that has had no time to refill. Half the capacity per half the refill
     * time never asks more than the bucket holds: any span of time {@code t} touches at most
     * {@code t / (refill / 2) + 2} windows, so it sends at most {@code capacity + t * capacity / refill},
     * what the bucket holds plus what it refills. Over time the rate is the bucket's own.
     */
    private static RateLimitRule keptTo(String name, RateLimitRule.Scope scope, int capacity, Duration refill) {
        return new RateLimitRule(name, scope, Math.max(1, capacity / 2), refill.dividedBy(2));
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
     * limit, and {@code x-ratelimit-remaining-1s} for the order routes' per-second limit (API docs,
     * "Limits"). With a key, an answer whose {@code x-ratelimit-limit} is the address's 30 (the
     * unsigned clock request's) says nothing about the key's bucket and is not read as such.
     */
    @Override
    public List<RateLimitReading> readRateLimits(Response response) {
        OptionalLong remaining = longHeader(response, "x-ratelimit-remaining");
        OptionalLong perSecond = longHeader(response, "x-ratelimit-remaining-1s");
        if (remaining.isEmpty() && perSecond.isEmpty()) {
            return List.of();
        }
        OptionalLong limit = longHeader(response, "x-ratelimit-limit");
        boolean addressBucket = limit.isPresent()
                && limit.getAsLong() == (long) UNAUTHENTICATED_REQUESTS_PER_MINUTE * limitScale;
        List<RateLimitReading> out = new ArrayList<>(2);
        if (remaining.isPresent() && !(authenticated && addressBucket)) {
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

    /**
     * Requests per minute (per key with credentials, else per address), and the order routes'
     * requests per second, each as the fixed-window rule that keeps to BitMEX's token bucket:
     * 60 per 30 s with a key (15 per 30 s without) and 5 per 500 ms on the order routes, each
     * multiplied by option {@code limit_scale}.
     */
    @Override
    public List<RateLimitRule> rateLimits() {
        return rules;
    }

    /** One request in the per-minute rule; an order route ({@link BitmexEndpoints#isOrderRoute}) one more per second. */
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
        return "BitmexExchange{" + baseUrl + ", " + signer + (limitScale == 1 ? "" : ", limits x" + limitScale) + "}";
    }
}
