package io.antrest.gateway.okx;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.Json;
import io.antrest.core.Method;
import io.antrest.core.Request;
import io.antrest.gateway.spi.RateLimitCost;
import io.antrest.gateway.spi.RateLimitRule;
import io.antrest.gateway.spi.RateLimitRule.Scope;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * OKX v5's REST paths as antrest uses them, which need a key, and what each costs in OKX's
 * per-endpoint limits. Every limit below is the one of the endpoint's section in the OKX v5
 * docs ("Rate Limit: N requests per 2 seconds", "Rate limit rule: ..."); OKX counts each over a
 * 2-second window.
 */
final class OkxEndpoints {
    static final String TIME = "/api/v5/public/time";
    static final String INSTRUMENTS = "/api/v5/public/instruments";
    static final String BALANCE = "/api/v5/account/balance";
    static final String ORDER = "/api/v5/trade/order";
    static final String CANCEL_ORDER = "/api/v5/trade/cancel-order";
    static final String BATCH_ORDERS = "/api/v5/trade/batch-orders";
    static final String AMEND_ORDER = "/api/v5/trade/amend-order";
    static final String AMEND_BATCH_ORDERS = "/api/v5/trade/amend-batch-orders";

    private static final Duration WINDOW = Duration.ofSeconds(2);

    /** Public Data &gt; Get system time: 10 requests per 2 seconds, rule IP. */
    static final RateLimitRule TIME_RULE = new RateLimitRule("GET " + TIME, Scope.ENDPOINT, 10, WINDOW);
    /** Public Data &gt; Get instruments: 20 requests per 2 seconds, rule IP + Instrument Type. */
    static final RateLimitRule INSTRUMENTS_RULE = new RateLimitRule("GET " + INSTRUMENTS, Scope.ENDPOINT, 20, WINDOW);
    /** Trading Account &gt; Get balance: 10 requests per 2 seconds, rule User ID. */
    static final RateLimitRule BALANCE_RULE = new RateLimitRule("GET " + BALANCE, Scope.ENDPOINT, 10, WINDOW);
    /** Trade &gt; Place order: 60 requests per 2 seconds, rule (except Options) User ID + Instrument ID. */
    static final RateLimitRule PLACE_RULE = new RateLimitRule("POST " + ORDER, Scope.INSTRUMENT, 60, WINDOW);
    /** Trade &gt; Cancel order: 60 requests per 2 seconds, rule (except Options) User ID + Instrument ID. */
    static final RateLimitRule CANCEL_RULE = new RateLimitRule("POST " + CANCEL_ORDER, Scope.INSTRUMENT, 60, WINDOW);
    /** Trade &gt; Get order details: 60 requests per 2 seconds, rule (except Options) User ID + Instrument ID. */
    static final RateLimitRule QUERY_RULE = new RateLimitRule("GET " + ORDER, Scope.INSTRUMENT, 60, WINDOW);
    /**
     * Overview &gt; Rate Limits &gt; Sub-account rate limit: at most 1000 order requests per 2 seconds
     * per sub-account, counting new and amended orders only, alongside the per-instrument limits;
     * "Block trading, spread trading, MMP and spot/margin orders are exempted from the sub-account
     * rate limit" (same page), so only a derivatives order costs in it.
     */
    static final RateLimitRule SUB_ACCOUNT_ORDERS_RULE = new RateLimitRule("SUB_ACCOUNT_ORDERS", Scope.ORDERS, 1000, WINDOW);
    /**
     * Any other path: OKX limits every endpoint on its own, so an endpoint antrest does not know
     * is held to 5 requests per 2 seconds (the smallest per-2-second limit among the common account
     * endpoints), all such endpoints together: conservative rather than accurate.
     */
    static final RateLimitRule OTHER_RULE = new RateLimitRule("OTHER", Scope.ACCOUNT, 5, WINDOW);

    static final List<RateLimitRule> RULES = List.of(TIME_RULE, INSTRUMENTS_RULE, BALANCE_RULE, PLACE_RULE, CANCEL_RULE,
            QUERY_RULE, SUB_ACCOUNT_ORDERS_RULE, OTHER_RULE);

    private OkxEndpoints() {
    }

    /**
     * The rules with every limit multiplied by {@code scale} (1 gives OKX's documented limits), for
     * a simulator or an account allowed more; names, scopes and windows stay, so costs still match.
     *
     * @throws ArithmeticException when a limit multiplied by {@code scale} leaves the int range
     */
    static List<RateLimitRule> rules(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("a limit scale must be at least 1, was " + scale);
        }
        if (scale == 1) {
            return RULES;
        }
        return RULES.stream().map(r -> new RateLimitRule(r.name(), r.scope(), Math.multiplyExact(r.limit(), scale), r.window()))
                .toList();
    }

    /** Whether OKX answers this path only to a signed request: all but public data and market data. */
    static boolean isPrivate(String path) {
        return !(path.startsWith("/api/v5/public/") || path.startsWith("/api/v5/market/"));
    }

    /**
     * Whether the request takes the {@code expTime} header: Overview &gt; Transaction Timeouts &gt;
     * REST API lists Place order, Place multiple orders, Amend order and Amend multiple orders (not
     * Cancel order).
     */
    static boolean takesExpTime(Request request) {
        if (request.method() != Method.POST) {
            return false;
        }
        String path = request.path();
        return path.equals(ORDER) || path.equals(BATCH_ORDERS) || path.equals(AMEND_ORDER) || path.equals(AMEND_BATCH_ORDERS);
    }

    /** Whether the request places an order. */
    static boolean placesOrder(Request request) {
        return request.method() == Method.POST && request.path().equals(ORDER);
    }

    /**
     * What the request costs: its endpoint's rule (per instrument where OKX counts so); a new order
     * of anything but a spot or margin pair also the sub-account rule.
     */
    static List<RateLimitCost> costOf(Request request) {
        String path = request.path();
        Method method = request.method();
        if (method == Method.GET) {
            switch (path) {
                case TIME:
                    return List.of(TIME_RULE.cost(1));
                case INSTRUMENTS:
                    return List.of(INSTRUMENTS_RULE.cost(1));
                case BALANCE:
                    return List.of(BALANCE_RULE.cost(1));
                case ORDER:
                    return List.of(QUERY_RULE.cost(1, request.param("instId").orElse("")));
                default:
                    break;
            }
        } else if (method == Method.POST) {
            if (path.equals(ORDER)) {
                String instId = bodyInstrument(request);
                return isSpotOrMarginPair(instId) ? List.of(PLACE_RULE.cost(1, instId))
                        : List.of(PLACE_RULE.cost(1, instId), SUB_ACCOUNT_ORDERS_RULE.cost(1));
            }
            if (path.equals(CANCEL_ORDER)) {
                return List.of(CANCEL_RULE.cost(1, bodyInstrument(request)));
            }
        }
        return List.of(OTHER_RULE.cost(1));
    }

    /**
     * Whether an instrument ID names a spot or margin pair: {@code BASE-QUOTE}, as in the docs'
     * examples ({@code BTC-USDT}), where a swap, future or option has more parts
     * ({@code BTC-USDT-SWAP}, {@code BTC-USD-250808}, see Overview &gt; General Info). An empty or
     * odd ID is not taken for one, so that it is counted rather than not.
     */
    static boolean isSpotOrMarginPair(String instId) {
        int dash = instId.indexOf('-');
        return dash > 0 && dash < instId.length() - 1 && instId.indexOf('-', dash + 1) < 0;
    }

    /** The {@code instId} of a JSON body, empty when there is none. */
    static String bodyInstrument(Request request) {
        String body = request.bodyText();
        if (body.isEmpty()) {
            return "";
        }
        try {
            JsonNode instId = Json.mapper().readTree(body).path("instId");
            return instId.isTextual() ? instId.asText() : "";
        } catch (IOException | RuntimeException notJson) {
            return "";
        }
    }
}
