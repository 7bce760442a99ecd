package io.antrest.gateway.okx;

import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.Response;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeError;
import io.antrest.gateway.spi.RateLimitCost;
import io.antrest.gateway.spi.RateLimitRule;
import io.antrest.gateway.spi.TradingApi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** OKX v5 spot as one set of settings made it: base URL, signer, endpoints and readers. Immutable. */
final class OkxExchange implements Exchange {
    static final String LIVE_URL = "https://www.okx.com";
    /** Demo trading is the live host with {@code x-simulated-trading: 1} on every request (OKX v5 docs, Overview &gt; Demo trading services). */
    static final String TESTNET_URL = LIVE_URL;

    private final String baseUrl;
    private final OkxSigner signer;
    private final OkxTrading trading;
    private final int limitScale;
    private final List<RateLimitRule> rules;

    /**
     * @param limitScale what every documented rate limit is multiplied by (1: OKX's own limits)
     */
    OkxExchange(String baseUrl, OkxSigner signer, int limitScale) {
        this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
        this.signer = requireNonNull(signer, "signer is null");
        this.trading = new OkxTrading(signer.orderExpTime());
        this.limitScale = limitScale;
        this.rules = OkxEndpoints.rules(limitScale);
    }

    @Override
    public String name() {
        return OkxProvider.NAME;
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

    /** The public system time: cheap, unsigned. */
    @Override
    public Request pingRequest() {
        return Request.get(OkxEndpoints.TIME).weight(1).build();
    }

    @Override
    public Optional<Request> serverTimeRequest() {
        return Optional.of(Request.get(OkxEndpoints.TIME).weight(1).build());
    }

    @Override
    public Instant parseServerTime(Response response) {
        return OkxParsers.serverTime(response);
    }

    /** Spot instruments only: this plugin trades spot. */
    @Override
    public Request contractsRequest() {
        return Request.get(OkxEndpoints.INSTRUMENTS).param("instType", "SPOT").weight(1).build();
    }

    @Override
    public List<Contract> parseContracts(Response response) {
        return OkxParsers.contracts(response);
    }

    /** OKX's code in any answer, 200 included; for a refused order the item's sCode. */
    @Override
    public Optional<ExchangeError> readError(Request request, Response response) {
        return OkxErrors.read(request, response);
    }

    /**
     * One rule per endpoint antrest calls (three per instrument), the sub-account order limit, and
     * one for the rest; each limit multiplied by option {@code limit_scale}.
     */
    @Override
    public List<RateLimitRule> rateLimits() {
        return rules;
    }

    @Override
    public List<RateLimitCost> costOf(Request request) {
        return OkxEndpoints.costOf(request);
    }

    @Override
    public TradingApi trading() {
        return trading;
    }

    @Override
    public String toString() {
        return "OkxExchange{" + baseUrl + ", " + signer + (limitScale == 1 ? "" : ", limits x" + limitScale) + "}";
    }
}
