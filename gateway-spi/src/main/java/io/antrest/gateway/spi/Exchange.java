package io.antrest.gateway.spi;

import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One exchange as a plugin describes it, made from settings by {@link ExchangeProvider#create}:
 * where it is, how it signs, which endpoints the runtime calls, its rate limits and what each
 * request costs in them, and how to read its answers (contracts, errors in any answer, rate-limit
 * headers). Stateless and thread-safe; the runtime owns the HTTP client, the queue, the clock
 * offset and the rate-limit buckets.
 */
public interface Exchange {

    /** The exchange's name, as its provider's. */
    String name();

    /** The production base URL, e.g. {@code https://api.binance.com}. */
    String liveUrl();

    /** The testnet base URL. */
    String testnetUrl();

    /** The base URL these settings chose: live, testnet, or the user's own. */
    String baseUrl();

    /**
     * The signer for these settings' credentials; signs with {@link io.antrest.core.SigningContext#nowMillis()},
     * which the runtime corrects by the measured clock offset. Without credentials, a signer that
     * leaves public requests alone and fails signed ones with a {@link GatewaySettingsException}.
     */
    RequestSigner signer();

    /** A cheap public request whose successful answer means the exchange is reachable (heart-beats). */
    Request pingRequest();

    /** The request for the exchange's clock, where it has one. */
    Optional<Request> serverTimeRequest();

    /** Reads the exchange's clock from the answer to {@link #serverTimeRequest()}. */
    Instant parseServerTime(Response response);

    /** The request that lists the exchange's contracts (symbols, instruments). */
    Request contractsRequest();

    /**
     * Reads the contracts from the answer to {@link #contractsRequest()}. Return a
     * {@link ContractListing}: an entry whose numbers a {@link Contract} refuses (a tick size of
     * zero or less, a negative limit, a number out of bounds) is then left out and reported by the
     * runtime with the reason, and the exchange's other contracts stay usable; when every entry is
     * refused the runtime refuses the answer. A plain list works too, but then such an entry throws
     * an {@link InvalidContractException} out of this method and the whole answer is refused.
     * Read numbers sent as text with {@link Decimals#parse}, which refuses absurdly long ones cheaply.
     */
    List<Contract> parseContracts(Response response);

    /**
     * Reads the exchange's error out of any answer to {@code request}, 2xx included: OKX, for one,
     * answers many refusals with HTTP 200 and {@code {"code":"51008",...}}. Empty when the answer
     * carries no error. A 2xx answer with an error ends FAILED with it (not SUCCESS), counts as a
     * failure, fails a heart-beat and is retried, re-synced or paused like the non-2xx form of the
     * same {@link ErrorKind}. For a non-2xx answer an empty result is read as {@link ErrorKind#UNKNOWN}.
     * Must not throw on a body it does not understand: return an error that says so instead.
     */
    Optional<ExchangeError> readError(Request request, Response response);

    /** Every rate limit the exchange enforces that the runtime should keep to before sending. */
    List<RateLimitRule> rateLimits();

    /**
     * The rate limits as the exchange itself states them in its answer to {@link #contractsRequest()}
     * (Binance lists them in exchangeInfo's {@code rateLimits}), which the runtime then keeps to
     * instead of {@link #rateLimits()}: read whenever the contracts are loaded, at connect first. A
     * rule keeps its name from {@link #rateLimits()} (that is how {@link #costOf} names it); a rule
     * the exchange does not state may be left out, and is then no longer kept to; a limit the user
     * set explicitly in the settings stays above the exchange's statement. Must not throw on an
     * answer it does not understand: return {@link #rateLimits()}.
     *
     * <p>Default: {@link #rateLimits()}, for an exchange that states no limits. Added to SPI 2 with
     * this default body, so a plugin built before it still loads and behaves as before.
     */
    default List<RateLimitRule> rateLimits(Response contractsAnswer) {
        return rateLimits();
    }

    /**
     * What {@code request} costs in each rule of {@link #rateLimits()} it touches (an unknown path:
     * the exchange's default cost). The runtime spends all of them, or waits, before each attempt.
     */
    List<RateLimitCost> costOf(Request request);

    /** What an answer's headers say about the rate-limit buckets; none by default. */
    default List<RateLimitReading> readRateLimits(Response response) {
        return List.of();
    }

    /** Account, order entry and order queries, as requests and parsers. */
    TradingApi trading();
}
