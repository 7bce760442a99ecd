package io.antrest.sim;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Binance spot dialect: public market data, signed account and order endpoints, request
 * weights, order counts and Binance's error shape {@code {"code":-1022,"msg":"..."}}.
 */
final class BinanceDialect implements Dialect {

    static final String PREFIX = "/api/v3/";

    private static final int MAX_RECV_WINDOW = 60_000;
    private static final int DEFAULT_RECV_WINDOW = 5_000;
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** A Binance error answer, thrown to leave a handler early; carries no stack trace. */
    private static final class BinanceError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int http;
        final int code;

        BinanceError(int http, int code, String msg) {
            super(msg, null, false, false);
            this.http = http;
            this.code = code;
        }
    }

    private final Clock clock;
    private final Counters counters;
    private final BinanceRateLimiter limiter;
    private final int orderLimit10s;
    private final int orderLimitDay;
    private final Map<String, BinanceSymbol> market = BinanceSymbol.market();
    private final Map<String, byte[]> symbolInfo = new ConcurrentHashMap<>();
    private final Map<String, byte[]> symbolTicker = new ConcurrentHashMap<>();
    private final byte[] exchangeInfoHead;
    private final byte[] exchangeInfoTail;
    private final byte[] allTickers;
    private final ConcurrentHashMap<String, BinanceKey> keys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, BinanceAccount> accounts = new ConcurrentHashMap<>();
    private final AtomicLong nextOrderId = new AtomicLong(28_457_391L);

    BinanceDialect(Clock clock, Counters counters, int weightLimit, long banMillis, int orderLimit10s,
            int orderLimitDay) {
        this.clock = clock;
        this.counters = counters;
        this.limiter = new BinanceRateLimiter(clock, weightLimit, banMillis);
        this.orderLimit10s = orderLimit10s;
        this.orderLimitDay = orderLimitDay;
        List<BinanceSymbol> sorted = new ArrayList<>(market.values());
        sorted.sort((a, b) -> a.symbol().compareTo(b.symbol()));
        Json tickers = new Json(4096).beginArray();
        for (BinanceSymbol s : sorted) {
            Json one = new Json(1024);
            s.writeTo(one);
            symbolInfo.put(s.symbol(), one.toBytes());
            String ticker = new Json(64).beginObject().field("symbol", s.symbol())
                    .field("price", Codec.eight(s.lastPrice())).endObject().toString();
            symbolTicker.put(s.symbol(), ticker.getBytes(StandardCharsets.UTF_8));
            tickers.raw(ticker);
        }
        this.allTickers = tickers.endArray().toBytes();
        this.exchangeInfoHead = "{\"timezone\":\"UTC\",\"serverTime\":".getBytes(StandardCharsets.UTF_8);
        // exchangeInfo's rateLimits (rest-api.md, "Exchange information"; enums.md, "Rate limiters") state
        // exactly the limits the simulator enforces, as configured. "All limits are optional": it counts
        // no RAW_REQUESTS, so it states none.
        Json tail = new Json(256).name("rateLimits").beginArray()
                .beginObject().field("rateLimitType", "REQUEST_WEIGHT").field("interval", "MINUTE")
                .field("intervalNum", 1).field("limit", weightLimit).endObject()
                .beginObject().field("rateLimitType", "ORDERS").field("interval", "SECOND")
                .field("intervalNum", 10).field("limit", orderLimit10s).endObject()
                .beginObject().field("rateLimitType", "ORDERS").field("interval", "DAY")
                .field("intervalNum", 1).field("limit", orderLimitDay).endObject()
                .endArray()
                .name("exchangeFilters").beginArray().endArray();
        this.exchangeInfoTail = ("," + tail + ",\"symbols\":").getBytes(StandardCharsets.UTF_8);
    }

    void addKey(String apiKey, BinanceKey key) {
        keys.put(apiKey, key);
    }

    void resetLimits() {
        limiter.reset();
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith(PREFIX);
    }

    @Override
    public String clientOrderIdOfPlacement(SimRequest request) {
        if ("POST".equals(request.method()) && "/api/v3/order".equals(request.path())) {
            return request.param("newClientOrderId");
        }
        return null;
    }

    /**
     * The request weight of the endpoints served, as rest-api.md gives it: "Test connectivity" and
     * "Check server time" 1, "Exchange information" and "Account information (USER_DATA)" 20, "Symbol
     * price ticker" 2 with {@code symbol}, 4 without or with {@code symbols}, "Query order
     * (USER_DATA)" 4, "New order (TRADE)" and "Cancel order (TRADE)" 1 (nothing when they succeed,
     * {@link #freeOnSuccess}); anything else 1 before its 404.
     */
    private static int weight(String method, String path, SimRequest request) {
        switch (path) {
            case "/api/v3/ping", "/api/v3/time":
                return 1;
            case "/api/v3/exchangeInfo", "/api/v3/account":
                return 20;
            case "/api/v3/ticker/price":
                return request.param("symbol") != null ? 2 : 4;
            case "/api/v3/order":
                return "GET".equals(method) ? 4 : 1;
            default:
                return 1;
        }
    }

    /**
     * Whether a successful answer costs no weight: CHANGELOG 2026-03-27 (from 2026-04-02), "Request
     * weights for the following endpoints ... become 0 when the request is successful. Failed requests
     * are still charged the documented weight": of those, the simulator serves POST and DELETE
     * {@code /api/v3/order}.
     */
    private static boolean freeOnSuccess(String method, String path) {
        return "/api/v3/order".equals(path) && ("POST".equals(method) || "DELETE".equals(method));
    }

    @Override
    public SimResponse handle(SimRequest request) {
        String method = request.method();
        String path = request.path();
        int weight = weight(method, path, request);
        BinanceRateLimiter.Verdict verdict = limiter.charge(weight);
        if (!verdict.allowed()) {
            return limited(verdict);
        }
        SimResponse response;
        try {
            if (request.duplicateParam() != null) {
                throw new BinanceError(400, -1101, "Duplicate values for a parameter detected.");
            }
            response = route(method, path, request);
        } catch (BinanceError e) {
            response = error(e.http, e.code, e.getMessage());
            if (e.http == 429 && e.code == -1015) {
                response.header("Retry-After", "10");
            }
        }
        long used = response.status() == 200 && freeOnSuccess(method, path) ? limiter.refund(verdict, weight)
                : verdict.usedWeight();
        return response.header("X-MBX-USED-WEIGHT-1M", Long.toString(used));
    }

    private SimResponse route(String method, String path, SimRequest request) {
        switch (path) {
            case "/api/v3/ping":
                requireGet(method);
                return SimResponse.ok(EMPTY_OBJECT);
            case "/api/v3/time":
                requireGet(method);
                return SimResponse.json(200, "{\"serverTime\":" + clock.millis() + "}");
            case "/api/v3/exchangeInfo":
                requireGet(method);
                return SimResponse.ok(exchangeInfo(request));
            case "/api/v3/ticker/price":
                requireGet(method);
                return SimResponse.ok(tickers(request));
            case "/api/v3/account":
                requireGet(method);
                return account(request);
            case "/api/v3/order":
                return switch (method) {
                    case "POST" -> placeOrder(request);
                    case "GET" -> queryOrder(request);
                    case "DELETE" -> cancelOrder(request);
                    default -> throw notFound();
                };
            default:
                throw notFound();
        }
    }

    private static BinanceError notFound() {
        return new BinanceError(404, -1000, "An unknown error occurred while processing the request.");
    }

    private static void requireGet(String method) {
        if (!"GET".equals(method)) {
            throw notFound();
        }
    }

    // ---- public endpoints -------------------------------------------------------------------

    private byte[] exchangeInfo(SimRequest request) {
        List<String> wanted = symbolsParam(request);
        ByteArrayOutputStream out = new ByteArrayOutputStream(wanted == null ? 40_000 : 2_048);
        out.writeBytes(exchangeInfoHead);
        out.writeBytes(Long.toString(clock.millis()).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(exchangeInfoTail);
        out.write('[');
        Iterable<String> names = wanted == null ? market.keySet().stream().sorted().toList() : wanted;
        boolean first = true;
        for (String name : names) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.writeBytes(symbolInfo.get(name));
        }
        out.write(']');
        out.write('}');
        return out.toByteArray();
    }

    private byte[] tickers(SimRequest request) {
        List<String> wanted = symbolsParam(request);
        if (wanted == null) {
            return allTickers;
        }
        if (request.param("symbol") != null) {
            return symbolTicker.get(wanted.get(0));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * wanted.size());
        out.write('[');
        for (int i = 0; i < wanted.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(symbolTicker.get(wanted.get(i)));
        }
        out.write(']');
        return out.toByteArray();
    }

    /** The symbols named by {@code symbol} or {@code symbols=["A","B"]}, checked; null when neither is sent. */
    private List<String> symbolsParam(SimRequest request) {
        String symbol = request.param("symbol");
        String symbols = request.param("symbols");
        if (symbol != null && symbols != null) {
            throw new BinanceError(400, -1128, "Combination of optional parameters invalid.");
        }
        if (symbol != null) {
            knownSymbol(symbol);
            return List.of(symbol);
        }
        if (symbols == null) {
            return null;
        }
        String s = symbols.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            throw new BinanceError(400, -1100,
                    "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.");
        }
        List<String> list = new ArrayList<>();
        for (String part : s.substring(1, s.length() - 1).split(",")) {
            String name = part.strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            knownSymbol(name);
            list.add(name);
        }
        return list;
    }

    private BinanceSymbol knownSymbol(String name) {
        BinanceSymbol symbol = market.get(name);
        if (symbol == null) {
            throw new BinanceError(400, -1121, "Invalid symbol.");
        }
        return symbol;
    }

    // ---- authentication ---------------------------------------------------------------------

    /** Checks key, timestamp and signature as Binance does; returns the key's account. */
    private BinanceAccount authenticate(SimRequest request) {
        String apiKey = request.header("X-MBX-APIKEY");
        if (apiKey == null || apiKey.isEmpty()) {
            throw new BinanceError(401, -2014, "API-key format invalid.");
        }
        BinanceKey key = keys.get(apiKey);
        if (key == null) {
            throw new BinanceError(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }
        // rest-api.md, "Timing security": recvWindow defaults to 5000 ms, may have three decimals
        // (microseconds) and is at most 60000; errors.md, -1102: "'%s' contains unexpected value.
        // Cannot be greater than %s." (the -1131 of old is no longer in errors.md).
        BigDecimal recvWindow = BigDecimal.valueOf(DEFAULT_RECV_WINDOW);
        String recv = request.param("recvWindow");
        if (recv != null) {
            BigDecimal window = Codec.decimal(recv);
            if (window == null || window.signum() < 0) {
                throw mandatory("recvWindow");
            }
            if (window.compareTo(BigDecimal.valueOf(MAX_RECV_WINDOW)) > 0) {
                throw new BinanceError(400, -1102,
                        "'recvWindow' contains unexpected value. Cannot be greater than " + MAX_RECV_WINDOW + ".");
            }
            recvWindow = window;
        }
        long timestamp = Codec.parseLong(request.param("timestamp"));
        if (timestamp < 0) {
            throw mandatory("timestamp");
        }
        long now = clock.millis();
        if (timestamp >= now + 1000) {
            throw new BinanceError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        }
        if (BigDecimal.valueOf(now - timestamp).compareTo(recvWindow) > 0) {
            throw new BinanceError(400, -1021, "Timestamp for this request is outside of the recvWindow.");
        }
        String signature = request.param("signature");
        if (signature == null || signature.isEmpty()) {
            throw mandatory("signature");
        }
        if (!key.verify(signedPayload(request), signature)) {
            throw new BinanceError(400, -1022, "Signature for this request is not valid.");
        }
        return accounts.computeIfAbsent(apiKey, k -> new BinanceAccount(now));
    }

    /**
     * Binance's "totalParams": the query string concatenated with the body, as received, with
     * the {@code signature} parameter removed.
     */
    static byte[] signedPayload(SimRequest request) {
        String query = Codec.withoutParam(request.rawQuery(), "signature");
        String body = request.isFormBody() ? Codec.withoutParam(request.bodyLatin1(), "signature") : "";
        if (body.isEmpty()) {
            return query.getBytes(StandardCharsets.ISO_8859_1);
        }
        return (query + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static BinanceError mandatory(String name) {
        return new BinanceError(400, -1102,
                "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
    }

    private static String required(SimRequest request, String name) {
        String value = request.param(name);
        if (value == null || value.isEmpty()) {
            throw mandatory(name);
        }
        return value;
    }

    // ---- account and orders -----------------------------------------------------------------

    private SimResponse account(SimRequest request) {
        BinanceAccount account = authenticate(request);
        boolean omitZero = "true".equalsIgnoreCase(request.param("omitZeroBalances"));
        Json json = new Json(2048).beginObject()
                .field("makerCommission", 10).field("takerCommission", 10)
                .field("buyerCommission", 0).field("sellerCommission", 0)
                .name("commissionRates").beginObject().field("maker", "0.00100000").field("taker", "0.00100000")
                .field("buyer", "0.00000000").field("seller", "0.00000000").endObject()
                .field("canTrade", true).field("canWithdraw", true).field("canDeposit", true)
                .field("brokered", false).field("requireSelfTradePrevention", false).field("preventSor", false);
        synchronized (account) {
            json.field("updateTime", account.updateTime()).field("accountType", "SPOT").name("balances").beginArray();
            for (Map.Entry<String, BinanceAccount.Balance> e : account.balances.entrySet()) {
                BinanceAccount.Balance b = e.getValue();
                if (omitZero && b.free.signum() == 0 && b.locked.signum() == 0) {
                    continue;
                }
                json.beginObject().field("asset", e.getKey()).field("free", Codec.eight(b.free))
                        .field("locked", Codec.eight(b.locked)).endObject();
            }
        }
        json.endArray().name("permissions").beginArray().value("SPOT").endArray()
                .field("uid", 354_937_868L).endObject();
        return SimResponse.ok(json.toBytes());
    }

    private SimResponse placeOrder(SimRequest request) {
        BinanceAccount account = authenticate(request);
        long now = clock.millis();
        try {
            return newOrder(request, account, now);
        } catch (BinanceError e) {
            SimResponse response = error(e.http, e.code, e.getMessage());
            if (e.code == -1015) {
                response.header("Retry-After", "10");
            }
            return orderCounts(response, account, now);
        }
    }

    private SimResponse orderCounts(SimResponse response, BinanceAccount account, long now) {
        synchronized (account) {
            response.header("X-MBX-ORDER-COUNT-10S", Integer.toString(account.ordersIn10s(now)));
            response.header("X-MBX-ORDER-COUNT-1D", Integer.toString(account.ordersInDay(now)));
        }
        return response;
    }

    private SimResponse newOrder(SimRequest request, BinanceAccount account, long now) {
        BinanceSymbol symbol = knownSymbol(required(request, "symbol"));
        String side = required(request, "side");
        if (!"BUY".equals(side) && !"SELL".equals(side)) {
            throw new BinanceError(400, -1117, "Invalid side.");
        }
        String type = required(request, "type");
        boolean market;
        switch (type) {
            case "LIMIT" -> market = false;
            case "MARKET" -> market = true;
            case "LIMIT_MAKER", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT" ->
                    throw new BinanceError(400, -1014, "Unsupported order combination.");
            default -> throw new BinanceError(400, -1116, "Invalid orderType.");
        }
        String timeInForce = request.param("timeInForce");
        BigDecimal price;
        BigDecimal quantity;
        if (market) {
            if (request.param("price") != null) {
                throw new BinanceError(400, -1106, "Parameter 'price' sent when not required.");
            }
            if (timeInForce != null) {
                throw new BinanceError(400, -1106, "Parameter 'timeInForce' sent when not required.");
            }
            price = symbol.lastPrice();
            String quoteQty = request.param("quoteOrderQty");
            if (request.param("quantity") == null && quoteQty != null) {
                BigDecimal quote = number(request, "quoteOrderQty");
                BigDecimal raw = quote.divide(price, 8, RoundingMode.DOWN);
                quantity = raw.subtract(raw.remainder(symbol.stepSize())).stripTrailingZeros();
            } else if (request.param("quantity") == null) {
                throw new BinanceError(400, -1102,
                        "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!");
            } else {
                quantity = number(request, "quantity");
            }
            timeInForce = "GTC";
        } else {
            if (timeInForce == null || timeInForce.isEmpty()) {
                throw mandatory("timeInForce");
            }
            if (!"GTC".equals(timeInForce) && !"IOC".equals(timeInForce) && !"FOK".equals(timeInForce)) {
                throw new BinanceError(400, -1115, "Invalid timeInForce.");
            }
            quantity = number(request, "quantity");
            price = number(request, "price");
        }
        String clientOrderId = request.param("newClientOrderId");
        if (clientOrderId == null || clientOrderId.isEmpty()) {
            clientOrderId = randomId();
        } else if (!validClientOrderId(clientOrderId)) {
            throw new BinanceError(400, -1100, "Illegal characters found in parameter 'newClientOrderId'; "
                    + "legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
        }
        String respType = request.param("newOrderRespType");
        if (respType == null) {
            respType = "FULL";
        } else if (!"ACK".equals(respType) && !"RESULT".equals(respType) && !"FULL".equals(respType)) {
            throw new BinanceError(400, -1100,
                    "Illegal characters found in parameter 'newOrderRespType'; legal range is 'ACK, RESULT, FULL'.");
        }
        if (!symbol.trading()) {
            throw new BinanceError(400, -1013, "Market is closed.");
        }
        String failed = symbol.failedFilter(price, quantity, market);
        if (failed != null) {
            throw new BinanceError(400, -1013, "Filter failure: " + failed);
        }
        BinanceOrder order;
        synchronized (account) {
            // rest-api.md, "New order (TRADE)", newClientOrderId: unique among open orders, so an id whose
            // order was filled, cancelled or expired is accepted again; errors.md, -2010 NEW_ORDER_REJECTED,
            // "Duplicate order sent.": the id is in use.
            if (account.clientOrderIdInUse(clientOrderId)) {
                throw new BinanceError(400, -2010, "Duplicate order sent.");
            }
            BigDecimal notional = price.multiply(quantity);
            boolean buy = "BUY".equals(side);
            BinanceAccount.Balance base = account.balance(symbol.baseAsset());
            BinanceAccount.Balance quote = account.balance(symbol.quoteAsset());
            BinanceAccount.Balance paying = buy ? quote : base;
            BigDecimal cost = buy ? notional : quantity;
            if (paying.free.compareTo(cost) < 0) {
                throw new BinanceError(400, -2010, "Account has insufficient balance for requested action.");
            }
            if (!account.countOrder(now, orderLimit10s, orderLimitDay)) {
                int tenSeconds = account.ordersIn10s(now);
                throw tenSeconds >= orderLimit10s
                        ? new BinanceError(429, -1015,
                                "Too many new orders; current limit is " + orderLimit10s + " orders per 10 SECOND.")
                        : new BinanceError(429, -1015,
                                "Too many new orders; current limit is " + orderLimitDay + " orders per DAY.");
            }
            paying.free = paying.free.subtract(cost);
            if (market) {
                BinanceAccount.Balance receiving = buy ? base : quote;
                receiving.free = receiving.free.add(buy ? quantity : notional);
                order = new BinanceOrder(symbol.symbol(), nextOrderId.getAndIncrement(), clientOrderId,
                        BigDecimal.ZERO, quantity, quantity, notional, "FILLED", timeInForce, type, side, now, now);
            } else {
                paying.locked = paying.locked.add(cost);
                order = new BinanceOrder(symbol.symbol(), nextOrderId.getAndIncrement(), clientOrderId, price,
                        quantity, BigDecimal.ZERO, BigDecimal.ZERO, "NEW", timeInForce, type, side, now, now);
            }
            account.orders.put(order.orderId(), order);
            account.orderIdsByClientId.put(clientOrderId, order.orderId());
            account.touch(now);
            counters.placed(clientOrderId);
        }
        Json json = new Json(768).beginObject()
                .field("symbol", order.symbol())
                .field("orderId", order.orderId())
                .field("orderListId", -1)
                .field("clientOrderId", order.clientOrderId())
                .field("transactTime", now);
        if (!"ACK".equals(respType)) {
            order.writeCommon(json)
                    .field("workingTime", now)
                    .field("selfTradePreventionMode", "NONE");
        }
        if ("FULL".equals(respType)) {
            json.name("fills").beginArray();
            if (market) {
                json.beginObject().field("price", Codec.eight(price)).field("qty", Codec.eight(quantity))
                        .field("commission", Codec.eight(BigDecimal.ZERO))
                        .field("commissionAsset", symbol.quoteAsset()).field("tradeId", order.orderId())
                        .endObject();
            }
            json.endArray();
        }
        json.endObject();
        return orderCounts(SimResponse.ok(json.toBytes()), account, now);
    }

    private static boolean validClientOrderId(String id) {
        if (id.length() > 36) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == ':' || c == '/' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[22];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length()));
        }
        return new String(id);
    }

    private static BigDecimal number(SimRequest request, String name) {
        String text = required(request, name);
        BigDecimal value = Codec.decimal(text);
        if (value == null) {
            throw new BinanceError(400, -1100, "Illegal characters found in parameter '" + name
                    + "'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.");
        }
        if (value.scale() > 8) {
            throw new BinanceError(400, -1111, "Parameter '" + name + "' has too much precision.");
        }
        return value;
    }

    /**
     * Finds an order of this account by orderId or origClientOrderId; null when there is none. With
     * both, the order is looked up by orderId and its client order id must match (rest-api.md, "Query
     * order (USER_DATA)" and "Cancel order (TRADE)", notes): a mismatch throws {@code mismatch}.
     */
    private BinanceOrder find(SimRequest request, BinanceAccount account, BinanceSymbol symbol, BinanceError mismatch) {
        String orderId = request.param("orderId");
        String clientId = request.param("origClientOrderId");
        if ((orderId == null || orderId.isEmpty()) && (clientId == null || clientId.isEmpty())) {
            throw new BinanceError(400, -1102,
                    "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        }
        BinanceOrder order;
        if (orderId != null && !orderId.isEmpty()) {
            long id = Codec.parseLong(orderId);
            if (id < 0) {
                throw mandatory("orderId");
            }
            order = account.orders.get(id);
            if (order != null && clientId != null && !clientId.isEmpty() && !clientId.equals(order.clientOrderId())
                    && order.symbol().equals(symbol.symbol())) {
                throw mismatch;
            }
        } else {
            // Several orders may share a client order id once the earlier ones are no longer open. The
            // docs ("Query order (USER_DATA)", "Cancel order (TRADE)") do not say which one a query by
            // origClientOrderId finds; the id is "unique among open orders", so the open one, if any,
            // is the latest one: the simulator answers with the latest order of that id.
            order = account.latestWithClientOrderId(clientId);
        }
        return order == null || !order.symbol().equals(symbol.symbol()) ? null : order;
    }

    /** errors.md, "Messages for ... -2011 CANCEL_REJECTED": the order could not be found. */
    private static BinanceError unknownOrder() {
        return new BinanceError(400, -2011, "Unknown order sent.");
    }

    private SimResponse queryOrder(SimRequest request) {
        BinanceAccount account = authenticate(request);
        BinanceSymbol symbol = knownSymbol(required(request, "symbol"));
        BinanceOrder order;
        synchronized (account) {
            // CHANGELOG 2025-04-08 and errors.md: -2039 CLIENT_ORDER_ID_INVALID when orderId and
            // origClientOrderId name no one order.
            order = find(request, account, symbol,
                    new BinanceError(400, -2039, "Client order ID is not correct for this order ID."));
        }
        if (order == null) {
            throw new BinanceError(400, -2013, "Order does not exist.");
        }
        return SimResponse.ok(order.queryJson());
    }

    private SimResponse cancelOrder(SimRequest request) {
        BinanceAccount account = authenticate(request);
        BinanceSymbol symbol = knownSymbol(required(request, "symbol"));
        long now = clock.millis();
        BinanceOrder canceled;
        synchronized (account) {
            BinanceOrder order = find(request, account, symbol, unknownOrder());
            if (order == null || !order.open()) {
                throw unknownOrder();
            }
            canceled = order.canceled(now);
            account.orders.put(canceled.orderId(), canceled);
            boolean buy = "BUY".equals(order.side());
            BinanceAccount.Balance paying = account.balance(buy ? symbol.quoteAsset() : symbol.baseAsset());
            BigDecimal locked = buy ? order.price().multiply(order.origQty()) : order.origQty();
            paying.locked = paying.locked.subtract(locked);
            paying.free = paying.free.add(locked);
            account.touch(now);
        }
        String newClientId = request.param("newClientOrderId");
        Json json = new Json(512).beginObject()
                .field("symbol", canceled.symbol())
                .field("origClientOrderId", canceled.clientOrderId())
                .field("orderId", canceled.orderId())
                .field("orderListId", -1)
                .field("clientOrderId", newClientId == null || newClientId.isEmpty() ? randomId() : newClientId)
                .field("transactTime", now);
        canceled.writeCommon(json).field("selfTradePreventionMode", "NONE").endObject();
        return SimResponse.ok(json.toBytes());
    }

    // ---- errors and limits ------------------------------------------------------------------

    private static SimResponse error(int http, int code, String msg) {
        return SimResponse.json(http, "{\"code\":" + code + ",\"msg\":" + Json.quote(msg) + "}");
    }

    private SimResponse limited(BinanceRateLimiter.Verdict verdict) {
        SimResponse response = verdict.status() == 418
                ? error(418, -1003, "Way too much request weight used; IP banned until " + verdict.bannedUntilMillis()
                        + ". Please use WebSocket Streams for live updates to avoid bans.")
                : error(429, -1003, "Too much request weight used; current limit is " + limiter.limit()
                        + " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid"
                        + " polling the API.");
        return response.header("Retry-After", Long.toString(verdict.retryAfterSeconds()))
                .header("X-MBX-USED-WEIGHT-1M", Long.toString(verdict.usedWeight()));
    }

    @Override
    public SimResponse injectedStatus(SimRequest request, int status) {
        SimResponse response;
        if (status == 429) {
            response = error(429, -1003, "Too much request weight used; current limit is " + limiter.limit()
                    + " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid"
                    + " polling the API.").header("Retry-After", "1");
        } else if (status == 418) {
            response = error(418, -1003, "Way too much request weight used; IP banned until "
                    + (clock.millis() + 1000) + ". Please use WebSocket Streams for live updates to avoid bans.")
                    .header("Retry-After", "1");
        } else if (status == 503) {
            response = error(503, -1008,
                    "Server is currently overloaded with other requests. Please try again in a few minutes.");
        } else if (status >= 500) {
            response = error(status, -1001, "Internal error; unable to process your request. Please try again.");
        } else {
            response = error(status, -1000, "An unknown error occurred while processing the request.");
        }
        return response.header("X-MBX-USED-WEIGHT-1M", Long.toString(limiter.used()));
    }
}
