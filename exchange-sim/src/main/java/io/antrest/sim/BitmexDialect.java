package io.antrest.sim;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The BitMEX dialect under {@code /api/v1}: instruments, signed margin and order endpoints with
 * {@code clOrdID} de-duplication, the {@code api-expires} signature scheme, request limits per key
 * and per client address and per second on the order routes, with {@code x-ratelimit-*} headers,
 * and BitMEX's error shape {@code {"error":{"message":"...","name":"HTTPError"}}}. What it checks
 * follows BitMEX's swagger.json (BitMEX/api-connectors) and REST API docs; each check says where.
 */
final class BitmexDialect implements Dialect {

    static final String PREFIX = "/api/v1";

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** HTTP's IMF-fixdate (RFC 9110, 5.6.7), for the {@code Date} header. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /**
     * The routes BitMEX also limits per second (API docs, "Limits", and the BitMEX blog, "Second Layer
     * Rate Limits": POST, PUT and DELETE /order, POST and PUT /order/bulk, DELETE /order/all, POST
     * /position/isolate, /position/leverage and /position/transferMargin).
     */
    private static final Set<String> ORDER_ROUTES = Set.of("POST /order", "PUT /order", "DELETE /order",
            "POST /order/bulk", "PUT /order/bulk", "DELETE /order/all", "POST /position/isolate",
            "POST /position/leverage", "POST /position/transferMargin");

    /** A BitMEX error answer, thrown to leave a handler early; carries no stack trace. */
    private static final class BitmexError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int http;
        final String name;

        BitmexError(int http, String message, String name) {
            super(message, null, false, false);
            this.http = http;
            this.name = name;
        }

        BitmexError(int http, String message) {
            this(http, message, "HTTPError");
        }
    }

    /** One key's account: wallet balances in the settlement currencies' smallest units, and orders. */
    private static final class Account {
        final long number;
        final Map<String, Long> wallet = new LinkedHashMap<>();
        final Map<String, BitmexOrder> orders = new LinkedHashMap<>();
        final Map<String, String> orderIdByClOrdId = new HashMap<>();
        /** Every clOrdID ever accepted: never accepted twice. */
        final Set<String> usedClOrdIds = new HashSet<>();

        Account(long number) {
            this.number = number;
            wallet.put("XBt", 500_000_000L);
            wallet.put("USDt", 50_000_000_000L);
        }
    }

    private final Clock clock;
    private final Counters counters;
    private final BitmexRateLimiter limiter;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ConcurrentHashMap<String, HmacSha256> keys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();
    private final AtomicLong nextAccount = new AtomicLong(392_001L);

    /**
     * @param requestsPerMinute the key's requests per minute (BitMEX's 120)
     * @param limitScale        what every request limit is multiplied by (1: BitMEX's own)
     */
    BitmexDialect(Clock clock, Counters counters, int requestsPerMinute, int limitScale) {
        this.clock = clock;
        this.counters = counters;
        this.limiter = new BitmexRateLimiter(clock, requestsPerMinute, limitScale);
    }

    void addKey(String apiKey, String secret) {
        keys.put(apiKey, new HmacSha256(secret));
    }

    void resetLimits() {
        limiter.reset();
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith(PREFIX + "/");
    }

    @Override
    public String clientOrderIdOfPlacement(SimRequest request) {
        if ("POST".equals(request.method()) && "/api/v1/order".equals(request.path())) {
            try {
                Object id = params(request).get("clOrdID");
                return id instanceof String s && !s.isEmpty() ? s : null;
            } catch (BitmexError e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public SimResponse handle(SimRequest request) {
        String apiKey = request.header("api-key");
        boolean keyed = apiKey != null && keys.containsKey(apiKey);
        boolean orderRoute = ORDER_ROUTES.contains(request.method() + " " + request.path().substring(PREFIX.length()));
        BitmexRateLimiter.Verdict verdict = limiter.charge(keyed ? apiKey : request.remoteHost(), keyed, orderRoute);
        SimResponse response;
        if (!verdict.allowed()) {
            response = error(429, "Rate limit exceeded, retry in " + verdict.retryAfterSeconds() + " seconds.",
                    "RateLimitError").header("Retry-After", Long.toString(verdict.retryAfterSeconds()));
        } else {
            try {
                response = route(request);
            } catch (BitmexError e) {
                response = error(e.http, e.getMessage(), e.name);
            }
        }
        // The Date header follows the simulator's clock (HttpCore's own would follow the machine's),
        // so a client that reads BitMEX's time from it sees the simulated exchange's time.
        response.header("Date", HTTP_DATE.format(Instant.ofEpochMilli(clock.millis())))
                .header("x-ratelimit-limit", Long.toString(verdict.limit()))
                .header("x-ratelimit-remaining", Long.toString(verdict.remaining()))
                .header("x-ratelimit-reset", Long.toString(verdict.resetEpochSeconds()));
        if (orderRoute) {
            // "Responses for the affected routes now include the x-ratelimit-remaining-1s header"
            // (BitMEX blog, "Second Layer Rate Limits Soft Release Now Live").
            response.header("x-ratelimit-remaining-1s", Long.toString(verdict.remainingPerSecond()));
        }
        return response;
    }

    private SimResponse route(SimRequest request) {
        String method = request.method();
        String path = request.path().substring(PREFIX.length());
        switch (path) {
            case "/instrument/active", "/instrument":
                if (!"GET".equals(method)) {
                    throw notFound();
                }
                return instruments(request, path.equals("/instrument/active"));
            case "/user/margin":
                if (!"GET".equals(method)) {
                    throw notFound();
                }
                return margin(request, authenticate(request));
            case "/order":
                Account account = authenticate(request);
                return switch (method) {
                    case "POST" -> placeOrder(request, account);
                    case "GET" -> queryOrders(request, account);
                    case "DELETE" -> cancelOrders(request, account);
                    default -> throw notFound();
                };
            default:
                throw notFound();
        }
    }

    private static BitmexError notFound() {
        return new BitmexError(404, "Not Found");
    }

    private String now() {
        return TIMESTAMP.format(Instant.ofEpochMilli(clock.millis()));
    }

    // ---- parameters -------------------------------------------------------------------------

    /**
     * A request's parameters where swagger.json puts them: a GET's in the query string
     * ({@code in: query}), a POST's, PUT's or DELETE's in the body ({@code in: formData}; a JSON
     * object or a form, the API "consumes" both); values are Strings, Lists of Strings for JSON
     * arrays, or JSON text for nested objects.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> params(SimRequest request) {
        Object cached = request.attachment();
        if (cached != null) {
            return (Map<String, Object>) cached;
        }
        if ("GET".equals(request.method())) {
            Map<String, Object> query = new HashMap<>(Codec.parseForm(request.rawQuery()));
            request.attach(query);
            return query;
        }
        Map<String, Object> params = new HashMap<>();
        byte[] body = request.body();
        if (body.length > 0) {
            if (request.isJsonBody() || body[0] == '{') {
                JsonNode node;
                try {
                    node = mapper.readTree(body);
                } catch (IOException e) {
                    throw new BitmexError(400, "Unable to parse JSON body", "HTTPError");
                }
                if (node == null || !node.isObject()) {
                    throw new BitmexError(400, "Request body must be a JSON object", "HTTPError");
                }
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    params.put(field.getKey(), value(field.getValue()));
                }
            } else {
                params.putAll(Codec.parseForm(new String(body, StandardCharsets.UTF_8)));
            }
        }
        request.attach(params);
        return params;
    }

    private static Object value(JsonNode node) {
        if (node.isArray()) {
            List<String> list = new ArrayList<>();
            node.forEach(n -> list.add(n.asText()));
            return list;
        }
        if (node.isObject()) {
            return node.toString();
        }
        return node.isNull() ? null : node.asText();
    }

    private static String string(Map<String, Object> params, String name) {
        Object value = params.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            throw new BitmexError(400, "'" + name + "' must be a single value, got " + list.size());
        }
        String s = (String) value;
        return s.isEmpty() ? null : s;
    }

    /** One id, a comma-separated list, a JSON array text or a JSON array body value. */
    private List<String> ids(Map<String, Object> params, String name) {
        Object value = params.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        String s = ((String) value).strip();
        if (s.startsWith("[")) {
            try {
                return ((List<?>) value(mapper.readTree(s))).stream().map(String::valueOf).toList();
            } catch (IOException | ClassCastException e) {
                throw new BitmexError(400, "Invalid " + name);
            }
        }
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    // ---- authentication ---------------------------------------------------------------------

    private Account authenticate(SimRequest request) {
        String apiKey = request.header("api-key");
        String expiresText = request.header("api-expires");
        String signature = request.header("api-signature");
        if (apiKey == null || expiresText == null || signature == null) {
            throw new BitmexError(401, "Authorization Required. Send api-key, api-expires and api-signature headers.");
        }
        HmacSha256 secret = keys.get(apiKey);
        if (secret == null) {
            throw new BitmexError(401, "Invalid API Key.");
        }
        long expires = Codec.parseLong(expiresText);
        long nowSeconds = Math.floorDiv(clock.millis(), 1000L);
        if (expires < 0) {
            throw new BitmexError(400, "api-expires must be a UNIX timestamp in seconds.");
        }
        if (expires < nowSeconds) {
            // BitMEX answers an expired request 400 Bad Request, not 401 (the answers quoted in
            // BitMEX/sample-market-maker#49 and BitMEX/api-connectors#17 and #506); api-expires is
            // "a UNIX timestamp after which the request is no longer valid" (API docs, "API Keys Usage").
            throw new BitmexError(400,
                    "This request has expired - `expires` is in the past. Current time: " + nowSeconds);
        }
        if (!secret.verifyHex(signedMessage(request, expiresText), signature)) {
            throw new BitmexError(401, "Signature not valid.");
        }
        return accounts.computeIfAbsent(apiKey, k -> new Account(nextAccount.getAndIncrement()));
    }

    /** verb + path with query (as received) + expires + body (as received). */
    static byte[] signedMessage(SimRequest request, String expires) {
        byte[] head = (request.method() + request.pathWithQuery() + expires).getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = request.body();
        if (body.length == 0) {
            return head;
        }
        byte[] message = new byte[head.length + body.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        return message;
    }

    // ---- endpoints --------------------------------------------------------------------------

    /**
     * GET /instrument/active, "all active instruments and instruments that have expired in <24hrs"
     * (swagger.json; it takes no parameters), and GET /instrument, "all instruments and indices,
     * including those that have settled or are unlisted", whose {@code symbol} is one instrument
     * or "a bare series (e.g. XBT) to get data for the nearest expiring contract in that series"
     * ("Symbols are case-insensitive"), paged by {@code count}, {@code start} and {@code reverse}.
     */
    private SimResponse instruments(SimRequest request, boolean active) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        Collection<BitmexInstrument> all = BitmexInstrument.at(now).values();
        List<BitmexInstrument> selected;
        if (active) {
            selected = all.stream().filter(i -> i.active(now)).toList();
        } else {
            Map<String, Object> params = params(request);
            selected = page(bySymbol(all, string(params, "symbol"), now), params);
        }
        String timestamp = TIMESTAMP.format(now);
        Json json = new Json(8192).beginArray();
        for (BitmexInstrument instrument : selected) {
            instrument.writeTo(json, now, timestamp);
        }
        return SimResponse.ok(json.endArray().toBytes());
    }

    private static List<BitmexInstrument> bySymbol(Collection<BitmexInstrument> all, String symbol, Instant now) {
        if (symbol == null) {
            return List.copyOf(all);
        }
        for (BitmexInstrument i : all) {
            if (i.symbol().equalsIgnoreCase(symbol)) {
                return List.of(i);
            }
        }
        return all.stream().filter(i -> i.rootSymbol().equalsIgnoreCase(symbol) && i.open(now))
                .min(Comparator.comparing(i -> i.expiry() == null ? Instant.MAX : i.expiry()))
                .map(List::of).orElse(List.of());
    }

    /**
     * The rows a table query asks for: {@code start} (default 0), {@code count} (default 100;
     * "Must be a positive integer", swagger.json; at most 500, "The BitMEX API returns a maximum of
     * 500 results per request", BitMEX/api-connectors' python-swaggerpy README), newest first with
     * {@code reverse=true}.
     */
    private static <T> List<T> page(List<T> rows, Map<String, Object> params) {
        long count = 100;
        String countText = string(params, "count");
        if (countText != null) {
            count = Codec.parseLong(countText);
            if (count < 1 || count > 500) {
                throw new BitmexError(400, "count is invalid");
            }
        }
        long start = 0;
        String startText = string(params, "start");
        if (startText != null) {
            start = Codec.parseLong(startText);
            if (start < 0) {
                throw new BitmexError(400, "start is invalid");
            }
        }
        List<T> ordered = new ArrayList<>(rows);
        if ("true".equals(string(params, "reverse"))) {
            Collections.reverse(ordered);
        }
        int from = (int) Math.min(start, ordered.size());
        return ordered.subList(from, (int) Math.min(ordered.size(), from + count));
    }

    private SimResponse margin(SimRequest request, Account account) {
        String currency = string(params(request), "currency");
        if (currency == null) {
            currency = "XBt";
        }
        String timestamp = now();
        synchronized (account) {
            if ("all".equals(currency)) {
                Json json = new Json(2048).beginArray();
                for (Map.Entry<String, Long> e : account.wallet.entrySet()) {
                    writeMargin(json, account, e.getKey(), e.getValue(), timestamp);
                }
                return SimResponse.ok(json.endArray().toBytes());
            }
            Long amount = account.wallet.get(currency);
            if (amount == null) {
                throw new BitmexError(404, "Account has no " + currency + " margin.");
            }
            Json json = new Json(1024);
            writeMargin(json, account, currency, amount, timestamp);
            return SimResponse.ok(json.toBytes());
        }
    }

    private static void writeMargin(Json json, Account account, String currency, long amount, String timestamp) {
        json.beginObject()
                .field("account", account.number)
                .field("currency", currency)
                .field("riskLimit", 1_000_000_000_000L)
                .field("amount", amount)
                .field("grossComm", 0)
                .field("grossOpenCost", 0)
                .field("grossOpenPremium", 0)
                .field("grossMarkValue", 0)
                .field("riskValue", 0)
                .field("initMargin", 0)
                .field("maintMargin", 0)
                .field("targetExcessMargin", 0)
                .field("realisedPnl", 0)
                .field("unrealisedPnl", 0)
                .field("walletBalance", amount)
                .field("marginBalance", amount)
                .field("marginLeverage", 0)
                .field("marginUsedPcnt", 0)
                .field("excessMargin", amount)
                .field("availableMargin", amount)
                .field("withdrawableMargin", amount)
                .field("makerFeeDiscount", 0)
                .field("takerFeeDiscount", 0)
                .field("timestamp", timestamp)
                .endObject();
    }

    /**
     * POST /order. Its refusals are those of BitMEX's "REST API Message Format" page (POST /order:
     * "Duplicate clOrdID", "Invalid symbol", "Instrument not listed for trading yet", "Instrument
     * expired", "Invalid side", "Invalid orderQty", "Invalid price", "Invalid price tickSize",
     * "Unsupported ordType"); the lot-size, market-price and clOrdID-length texts are the
     * simulator's own, that page names none.
     */
    private SimResponse placeOrder(SimRequest request, Account account) {
        Map<String, Object> params = params(request);
        String symbol = string(params, "symbol");
        if (symbol == null) {
            throw new BitmexError(400, "'symbol' is a required arg.", "ValidationError");
        }
        Instant at = Instant.ofEpochMilli(clock.millis());
        BitmexInstrument instrument = BitmexInstrument.at(at).get(symbol);
        if (instrument == null) {
            throw new BitmexError(400, "Invalid symbol");
        }
        switch (instrument.state(at)) {
            case "Unlisted" -> throw new BitmexError(400, "Instrument not listed for trading yet");
            case "Settled" -> throw new BitmexError(400, "Instrument expired");
            default -> {
            }
        }
        BigDecimal orderQty = decimal(params, "orderQty");
        if (orderQty != null && !isInt32(orderQty)) {
            // swagger.json, POST /order: orderQty is "type": "integer", "format": "int32"; BitMEX's
            // answer to a fractional one, as quoted in ccxt/ccxt#7337.
            throw new BitmexError(400, "Invalid orderQty", "ValidationError");
        }
        String side = string(params, "side");
        if (side == null) {
            if (orderQty == null) {
                throw new BitmexError(400, "Invalid side");
            }
            side = orderQty.signum() < 0 ? "Sell" : "Buy";
        }
        if (!"Buy".equals(side) && !"Sell".equals(side)) {
            throw new BitmexError(400, "Invalid side");
        }
        if (orderQty == null || orderQty.signum() == 0) {
            throw new BitmexError(400, "Invalid orderQty");
        }
        // Whole contracts, written as JSON integers (swagger.json, Order: orderQty, leavesQty, cumQty int64).
        orderQty = orderQty.abs().setScale(0);
        BigDecimal price = decimal(params, "price");
        String ordType = string(params, "ordType");
        if (ordType == null) {
            ordType = price == null ? "Market" : "Limit";
        }
        boolean market;
        switch (ordType) {
            case "Limit" -> market = false;
            case "Market" -> market = true;
            default -> throw new BitmexError(400, "Unsupported ordType");
        }
        if (market && price != null) {
            throw new BitmexError(400, "Market orders cannot have a price.");
        }
        if (!market) {
            if (price == null || price.signum() <= 0) {
                throw new BitmexError(400, "Invalid price");
            }
            if (price.remainder(instrument.tickSize()).signum() != 0) {
                throw new BitmexError(400, "Invalid price tickSize");
            }
        }
        if (orderQty.remainder(instrument.lotSize()).signum() != 0) {
            throw new BitmexError(400, "Order quantity must be a multiple of lot size: "
                    + instrument.lotSize().toPlainString());
        }
        String timeInForce = string(params, "timeInForce");
        if (timeInForce == null) {
            timeInForce = market ? "ImmediateOrCancel" : "GoodTillCancel";
        }
        String clOrdID = string(params, "clOrdID");
        if (clOrdID != null && clOrdID.length() > 36) {
            throw new BitmexError(400, "clOrdID too long (max 36).");
        }
        String text = string(params, "text");
        String now = now();
        BitmexOrder order;
        synchronized (account) {
            if (clOrdID != null && account.usedClOrdIds.contains(clOrdID)) {
                throw new BitmexError(400, "Duplicate clOrdID");
            }
            String orderID = UUID.randomUUID().toString();
            order = market
                    ? new BitmexOrder(orderID, clOrdID == null ? "" : clOrdID, Long.toString(account.number), symbol,
                            side, orderQty, instrument.lastPrice(), instrument.quoteCurrency(),
                            instrument.settlCurrency(), ordType, timeInForce, "Filled", BigDecimal.ZERO, orderQty,
                            instrument.lastPrice(), text == null ? "Submitted via API." : text, now, now)
                    : new BitmexOrder(orderID, clOrdID == null ? "" : clOrdID, Long.toString(account.number), symbol,
                            side, orderQty, price, instrument.quoteCurrency(), instrument.settlCurrency(), ordType,
                            timeInForce, "New", orderQty, BigDecimal.ZERO, null,
                            text == null ? "Submitted via API." : text, now, now);
            account.orders.put(orderID, order);
            if (clOrdID != null) {
                account.usedClOrdIds.add(clOrdID);
                account.orderIdByClOrdId.put(clOrdID, orderID);
                counters.placed(clOrdID);
            }
        }
        Json json = new Json(1024);
        order.writeTo(json);
        return SimResponse.ok(json.toBytes());
    }

    /** Whether the number is a whole one within a 32-bit signed integer (100.0 is: JSON does not tell 100.0 from 100). */
    private static boolean isInt32(BigDecimal value) {
        BigDecimal whole = value.stripTrailingZeros();
        return whole.scale() <= 0 && whole.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
    }

    private static BigDecimal decimal(Map<String, Object> params, String name) {
        String text = string(params, name);
        if (text == null) {
            return null;
        }
        BigDecimal value = Codec.decimal(text);
        if (value == null) {
            throw new BitmexError(400, "Invalid " + name);
        }
        return value;
    }

    private SimResponse queryOrders(SimRequest request, Account account) {
        Map<String, Object> params = params(request);
        String symbol = string(params, "symbol");
        String filterText = string(params, "filter");
        JsonNode filter = null;
        if (filterText != null) {
            try {
                filter = mapper.readTree(filterText);
            } catch (IOException e) {
                throw new BitmexError(400, "filter values are not valid");
            }
            if (filter == null || !filter.isObject()) {
                throw new BitmexError(400, "filter values are not valid");
            }
        }
        List<BitmexOrder> matching = new ArrayList<>();
        synchronized (account) {
            for (BitmexOrder order : account.orders.values()) {
                if (symbol != null && !symbol.equals(order.symbol())) {
                    continue;
                }
                if (filter != null && !matches(filter, order)) {
                    continue;
                }
                matching.add(order);
            }
        }
        Json json = new Json(1024).beginArray();
        for (BitmexOrder order : page(matching, params)) {
            order.writeTo(json);
        }
        return SimResponse.ok(json.endArray().toBytes());
    }

    private static boolean matches(JsonNode filter, BitmexOrder order) {
        for (Map.Entry<String, JsonNode> f : filter.properties()) {
            String want = f.getValue().asText();
            boolean ok = switch (f.getKey()) {
                case "orderID" -> want.equals(order.orderID());
                case "clOrdID" -> want.equals(order.clOrdID());
                case "symbol" -> want.equals(order.symbol());
                case "side" -> want.equals(order.side());
                case "ordStatus" -> want.equals(order.ordStatus());
                case "ordType" -> want.equals(order.ordType());
                case "open" -> f.getValue().asBoolean() == order.open();
                default -> true;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private SimResponse cancelOrders(SimRequest request, Account account) {
        Map<String, Object> params = params(request);
        List<String> orderIds = ids(params, "orderID");
        List<String> clOrdIds = ids(params, "clOrdID");
        if (orderIds.isEmpty() && clOrdIds.isEmpty()) {
            // swagger.json, DELETE /order: "Either an orderID or a clOrdID must be provided."; the
            // text is BitMEX's answer as quoted in kstka/bitmex-api-php#6.
            throw new BitmexError(400, "orderIDs or clOrdIDs must be sent");
        }
        String now = now();
        List<BitmexOrder> result = new ArrayList<>();
        Map<BitmexOrder, String> errors = new HashMap<>();
        synchronized (account) {
            List<String> targets = new ArrayList<>(orderIds);
            for (String cl : clOrdIds) {
                String id = account.orderIdByClOrdId.get(cl);
                if (id == null) {
                    throw new BitmexError(400, "Not Found");
                }
                targets.add(id);
            }
            for (String id : targets) {
                BitmexOrder order = account.orders.get(id);
                if (order == null) {
                    throw new BitmexError(400, "Not Found");
                }
                if (order.open()) {
                    BitmexOrder canceled = order.canceled(now);
                    account.orders.put(id, canceled);
                    result.add(canceled);
                } else {
                    result.add(order);
                    errors.put(order, "Unable to cancel order due to existing state: " + order.ordStatus());
                }
            }
        }
        Json json = new Json(1024).beginArray();
        for (BitmexOrder order : result) {
            String error = errors.get(order);
            if (error == null) {
                order.writeTo(json);
            } else {
                Json one = new Json(1024);
                order.writeTo(one);
                String text = one.toString();
                json.raw(text.substring(0, text.length() - 1) + ",\"error\":" + Json.quote(error) + "}");
            }
        }
        return SimResponse.ok(json.endArray().toBytes());
    }

    // ---- errors -----------------------------------------------------------------------------

    private static SimResponse error(int http, String message, String name) {
        return SimResponse.json(http, "{\"error\":{\"message\":" + Json.quote(message) + ",\"name\":"
                + Json.quote(name) + "}}");
    }

    @Override
    public SimResponse injectedStatus(SimRequest request, int status) {
        String message = switch (status) {
            case 429 -> "Rate limit exceeded, retry in 1 seconds.";
            case 503 -> "The system is currently overloaded. Please try again later.";
            case 502 -> "Bad Gateway";
            case 504 -> "Gateway Timeout";
            case 500 -> "Internal Server Error";
            default -> "HTTP " + status;
        };
        SimResponse response = error(status, message, status == 429 ? "RateLimitError" : "HTTPError");
        if (status == 429) {
            // "If you are limited, you will receive a 429 response and an additional header,
            // Retry-After" (BitMEX/api-connectors, python-swaggerpy README, "HTTP 429"); a 503 has
            // none: "you should retry after at least 500 milliseconds" ("HTTP 503").
            response.header("Retry-After", "1");
        }
        return response;
    }
}
