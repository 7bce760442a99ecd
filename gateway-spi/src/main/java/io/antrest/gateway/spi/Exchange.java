package io.antrest.gateway.spi;

import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One exchange as a plugin describes it, made from settings by {@link ExchangeProvider#create}:
 * where it is, how it signs, which endpoints the runtime calls, and how to read its answers
 * (contracts, errors, rate limits). Stateless and thread-safe; the runtime owns the HTTP client,
 * the queue, the clock offset and the budget.
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

    /** A cheap public request whose 2xx answer means the exchange is reachable (heart-beats). */
    Request pingRequest();

    /** The request for the exchange's clock, where it has one. */
    Optional<Request> serverTimeRequest();

    /** Reads the exchange's clock from the answer to {@link #serverTimeRequest()}. */
    Instant parseServerTime(Response response);

    /** The request that lists the exchange's contracts (symbols, instruments). */
    Request contractsRequest();

    /** Reads the contracts from the answer to {@link #contractsRequest()}. */
    List<Contract> parseContracts(Response response);

    /** Turns a non-2xx answer into a typed error. */
    ExchangeError classify(Response response);

    /** Reads the rate-limit headers of any answer. */
    RateLimitStatus readRateLimit(Response response);

    /** The exchange's request-rate limit, which the runtime's budget enforces before sending. */
    RateLimitRule rateLimit();

    /**
     * The exchange's limit on new orders, where it has one apart from the request rate (Binance:
     * orders per 10 seconds): the runtime holds new orders back to it, corrected by
     * {@link RateLimitStatus#orderCount()}. None by default.
     */
    default java.util.Optional<RateLimitRule> orderRateLimit() {
        return java.util.Optional.empty();
    }

    /** The rate-limit weight of a request to this exchange (1 unless the exchange says more). */
    int weightOf(Request request);

    /** Account, order entry and order queries, as requests and parsers. */
    TradingApi trading();
}
