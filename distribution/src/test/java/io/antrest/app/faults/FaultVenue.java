package io.antrest.app.faults;

import io.antrest.core.Request;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.Side;
import io.antrest.sim.SimExchange;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An exchange the fault suite drives through its real plugin and the simulator's dialect of it:
 * how the simulator is set up (limits raised so that only the faults refuse anything), the
 * account's key, the paths the faults are put on, the order every load places, the droppable
 * market-data poll, and the gateway's options (client-side limits raised to match the
 * simulator's).
 */
public enum FaultVenue {
    /** Binance spot: {@code /api/v3}, HMAC key and secret, request weight and order limits raised. */
    BINANCE("binance", 3_000,
            "faultSuiteApiKey7Qm2VxR9pLwZc4Tn8YbHs3Jd6Kf1Ge5Ua0Ni", "faultSuiteSecret3Hq8WzL1xCv7Bn4Mk9Rt2Yp6Fs0Dj5Ga8Ue", null,
            b -> b.binanceWeightLimit(100_000_000).binanceOrderLimits(1_000_000, 10_000_000),
            SimExchange::binanceUrl,
            Map.of("weight_limit", "100000000", "order_limit", "1000000", "recv_window", Long.toString(FaultVenue.ORDER_WINDOW_MS)),
            List.of("/api/v3/ping", "/api/v3/time", "/api/v3/account"), "/api/v3/order",
            OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.0002"), new BigDecimal("50000.00")),
            "/api/v3/ticker/price", Map.of("symbol", "BTCUSDT"), true, "429 with Retry-After"),
    /**
     * OKX v5: key, secret and passphrase, every per-endpoint and per-instrument limit multiplied by
     * {@value #OKX_LIMIT_SCALE} at the simulator and in the plugin ({@code limit_scale}). Ping and
     * server time are both {@code GET /api/v5/public/time}. OKX documents no ban status (no 418)
     * and no {@code Retry-After}: a 429 carries code 50011 and the monitor's default pause applies.
     */
    OKX("okx", 3_000,
            "3f1c9a7e-antrest-fault-suite-okx-key-7Qm2", "FAULTSUITEOKXSECRET3HQ8WZL1XCV7B", "faultSuitePass7Qm2Vx",
            b -> b.okxRateLimitScale(FaultVenue.OKX_LIMIT_SCALE),
            SimExchange::okxUrl,
            Map.of("limit_scale", Integer.toString(FaultVenue.OKX_LIMIT_SCALE),
                    "order_exp_time_ms", Long.toString(FaultVenue.ORDER_WINDOW_MS)),
            List.of("/api/v5/public/time", "/api/v5/account/balance"), "/api/v5/trade/order",
            OrderRequest.limit("BTC-USDT", Side.BUY, new BigDecimal("0.0002"), new BigDecimal("50000.0")),
            "/api/v5/public/instruments", Map.of("instType", "SPOT"), false, "429 (code 50011, no Retry-After)"),
    /**
     * BitMEX under {@code /api/v1}: HMAC key and secret, every limit (120 requests per minute per
     * key, 30 per address without one, 10 per second on the order routes) multiplied by
     * {@value #BITMEX_LIMIT_SCALE} at the simulator and in the plugin ({@code limit_scale}). Ping
     * and server time are both {@code GET /instrument} (the time unsigned, read from the answer's
     * {@code Date}: BitMEX has no clock endpoint); the order is XBTUSD in whole contracts (lot 100)
     * at a price on its 0.5 tick. BitMEX bans with 403, not 418 (support.bitmex.com, "Why Am I
     * Getting Error 403 Forbidden": rate-limit bans), so there is no 418 scenario; its 429 carries
     * {@code Retry-After} and the error name {@code RateLimitError}.
     */
    BITMEX("bitmex", 3_000,
            "faultSuiteBitmexKey7Qm2V", "faultSuiteBitmexSecret3Hq8WzL1xCv7Bn4Mk9Rt2Yp6Fs0Dj", null,
            b -> b.bitmexRateLimitScale(FaultVenue.BITMEX_LIMIT_SCALE),
            SimExchange::bitmexUrl,
            Map.of("limit_scale", Integer.toString(FaultVenue.BITMEX_LIMIT_SCALE),
                    "expires_window_seconds", Long.toString((FaultVenue.ORDER_WINDOW_MS + 999) / 1000)),
            List.of("/api/v1/instrument", "/api/v1/user/margin"), "/api/v1/order",
            OrderRequest.limit("XBTUSD", Side.BUY, new BigDecimal("100"), new BigDecimal("50000.5")),
            "/instrument/active", Map.of(), false, "429 with Retry-After (RateLimitError)");

    /**
     * How long an order request stays acceptable after signing, in the loads (Binance's
     * {@code recvWindow}, OKX's {@code expTime}, BitMEX's {@code api-expires} ahead-time, in whole
     * seconds rounded up, to which BitMEX's own window adds the second it names): short, so that an order lost before the exchange
     * acted is proven not placed 2.5 s after its loss rather than 6, and longer than the slow
     * scenario's latency (750 ms: 750 ms to spare, as the earlier 2 s and 1.25 s had), so that an
     * order slowed past its sender's time-out is still placed.
     */
    static final long ORDER_WINDOW_MS = 1_500;

    /** What OKX's limits are multiplied by, at the simulator and in the plugin alike. */
    static final int OKX_LIMIT_SCALE = 100_000;
    /** What BitMEX's limits are multiplied by, at the simulator and in the plugin alike. */
    static final int BITMEX_LIMIT_SCALE = 10_000;

    private final String exchange;
    private final int requests;
    private final String apiKey;
    private final String secret;
    private final String passphrase;
    private final Function<SimExchange.Builder, SimExchange.Builder> simLimits;
    private final Function<SimExchange, String> url;
    private final Map<String, String> options;
    private final List<String> getPaths;
    private final String orderPath;
    private final OrderRequest order;
    private final String droppablePath;
    private final Map<String, String> droppableParams;
    private final boolean bans;
    private final String tooManyRequestsName;

    FaultVenue(String exchange, int requests, String apiKey, String secret, String passphrase,
               Function<SimExchange.Builder, SimExchange.Builder> simLimits, Function<SimExchange, String> url,
               Map<String, String> options, List<String> getPaths, String orderPath, OrderRequest order,
               String droppablePath, Map<String, String> droppableParams, boolean bans, String tooManyRequestsName) {
        this.exchange = exchange;
        this.requests = requests;
        this.apiKey = apiKey;
        this.secret = secret;
        this.passphrase = passphrase;
        this.simLimits = simLimits;
        this.url = url;
        this.options = options;
        this.getPaths = getPaths;
        this.orderPath = orderPath;
        this.order = order;
        this.droppablePath = droppablePath;
        this.droppableParams = droppableParams;
        this.bans = bans;
        this.tooManyRequestsName = tooManyRequestsName;
    }

    /** The plugin's name, as {@code GatewayManager.connect} takes it. */
    public String exchange() {
        return exchange;
    }

    /**
     * How many requests the fault suite sends per scenario: 10 000 for Binance; 5 000 for OKX and
     * BitMEX, to keep the suite's time down (OKX's eight scenarios then take about two thirds of Binance's
     * nine: a scenario's fixed stretches, the slow answers, the outage and the rate-limit pauses,
     * weigh the same at either size).
     */
    public int suiteRequests() {
        return requests;
    }

    /** The account's API key (registered at the simulator; never printed). */
    public String apiKey() {
        return apiKey;
    }

    /** Its secret. */
    public String secret() {
        return secret;
    }

    /** Its passphrase, for an exchange whose keys have one (OKX), else null. */
    public String passphrase() {
        return passphrase;
    }

    /** The gateway's credentials: key and secret, with the passphrase where the exchange has one. */
    public Credentials credentials() {
        Credentials c = Credentials.hmac(apiKey, secret);
        return passphrase == null ? c : c.withPassphrase(passphrase);
    }

    /** A stopped simulator on a free port, without demo keys, its limits raised for this venue. */
    public SimExchange.Builder simulator() {
        return simLimits.apply(SimExchange.builder().port(0).demoKeys(false));
    }

    /** Registers the account's key at the simulator. */
    public void register(SimExchange sim) {
        switch (this) {
            case BINANCE -> sim.addBinanceKey(apiKey, secret);
            case OKX -> sim.addOkxKey(apiKey, secret, passphrase);
            case BITMEX -> sim.addBitmexKey(apiKey, secret);
            default -> throw new IllegalStateException("no key registration for " + this);
        }
    }

    /** One letter naming the exchange in the scenarios' gateway names, unlike every other venue's. */
    public char letter() {
        return switch (this) {
            case BINANCE -> 'b';
            case OKX -> 'o';
            case BITMEX -> 'm';
        };
    }

    /** The simulator's base URL for this dialect. */
    public String url(SimExchange sim) {
        return url.apply(sim);
    }

    /** The plugin options that raise its client-side limits to the simulator's. */
    public Map<String, String> options() {
        return options;
    }

    /**
     * The public and signed GET paths of the load (pings, server time, account), which the faults
     * strike, as the simulator sees them (each once: a path shared by two kinds of request is
     * listed once, or its faults would be put on it twice).
     */
    public List<String> getPaths() {
        return getPaths;
    }

    /** The path a POST places an order on (never idempotent). */
    public String orderPath() {
        return orderPath;
    }

    /** The order every load places, each with its own client order id. */
    public OrderRequest order(String clientOrderId) {
        return order.withClientOrderId(clientOrderId);
    }

    /** A droppable market-data poll (the faults leave its path alone), its path under the venue's base URL. */
    public Request droppable() {
        Request.Builder b = Request.get(droppablePath).droppable(true);
        droppableParams.forEach(b::param);
        return b.build();
    }

    /** Whether the exchange bans with HTTP 418 (Binance does; OKX documents no such status; BitMEX bans with 403). */
    public boolean bans() {
        return bans;
    }

    /** The report's name of the 429 scenario: what a 429 carries at this exchange. */
    public String tooManyRequestsName() {
        return tooManyRequestsName;
    }
}
