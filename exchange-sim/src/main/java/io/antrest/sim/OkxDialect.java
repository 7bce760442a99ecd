package io.antrest.sim;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OKX v5 dialect under {@code /api/v5/}, spot only: system time, instruments, the trading
 * account's balance, placing, cancelling and querying orders; the {@code OK-ACCESS-*} header
 * signature (Base64 HMAC-SHA256 of timestamp + method + path with query + body) with a passphrase
 * and a 30-second timestamp window; per-endpoint limits per IP, per key, or per key and
 * instrument; and OKX's answer shapes: {@code {"code":"0","msg":"","data":[...]}}, errors as
 * {@code {"code":"50113","msg":"Invalid signature.","data":[]}}, and refused orders as HTTP 200
 * with {@code "code":"1"}, {@code "msg":"Operation failed."} and the reason in the order's
 * {@code sCode} / {@code sMsg}.
 *
 * <p>Every code, message and HTTP status is the one of the OKX v5 docs' error-code table
 * (Error Code > REST API); each limit is the one on the endpoint's own page.
 */
final class OkxDialect implements Dialect {

    static final String PREFIX = "/api/v5/";

    /**
     * The top-level {@code msg} of code {@code "1"}: OKX v5 docs, Error Code > REST API >
     * General Class, "1 | 200 | Operation failed."; the reason is in the item's sCode / sMsg.
     */
    static final String OPERATION_FAILED = "Operation failed.";

    /** OKX v5 docs, Overview > REST Authentication > Making Requests: more than 30 s away is 50102. */
    static final long TIMESTAMP_WINDOW_MILLIS = 30_000L;

    /** Public Data > Get system time: 10 requests per 2 seconds, rule IP. */
    static final int TIME_LIMIT = 10;
    /** Public Data > Get instruments: 20 requests per 2 seconds, rule IP + Instrument Type. */
    static final int INSTRUMENTS_LIMIT = 20;
    /** Trading Account > Get balance: 10 requests per 2 seconds, rule User ID. */
    static final int BALANCE_LIMIT = 10;
    /** Trade > Place order: 60 requests per 2 seconds, rule User ID + Instrument ID. */
    static final int PLACE_LIMIT = 60;
    /** Trade > Cancel order: 60 requests per 2 seconds, rule User ID + Instrument ID. */
    static final int CANCEL_LIMIT = 60;
    /** Trade > Get order details: 60 requests per 2 seconds, rule User ID + Instrument ID. */
    static final int QUERY_LIMIT = 60;

    /** The documented OK-ACCESS-TIMESTAMP form, e.g. 2020-12-08T09:08:57.715Z; strict, so 2020-02-30 is no date. */
    private static final DateTimeFormatter OK_ACCESS_TIMESTAMP = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC)
            .withResolverStyle(ResolverStyle.STRICT);

    private static final Set<String> INST_TYPES = Set.of("SPOT", "MARGIN", "SWAP", "FUTURES", "OPTION", "EVENTS");

    /** An OKX answer other than success, thrown to leave a handler early; carries no stack trace. */
    private static final class OkxError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int http;
        final String code;

        OkxError(int http, String code, String msg) {
            super(msg, null, false, false);
            this.http = http;
            this.code = code;
        }
    }

    /** The refusal of one order operation, answered in its {@code sCode} / {@code sMsg}. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String sCode;
        final String subCode;

        Refusal(String sCode, String sMsg, String subCode) {
            super(sMsg, null, false, false);
            this.sCode = sCode;
            this.subCode = subCode;
        }

        Refusal(String sCode, String sMsg) {
            this(sCode, sMsg, "");
        }
    }

    /**
     * A registered key: its secret, its passphrase and its environment ({@code Boolean.TRUE} demo
     * trading only, {@code FALSE} live only, null either).
     */
    private record OkxKey(HmacSha256 secret, byte[] passphrase, Boolean demo) {
    }

    /** The key a request was signed with and its account. */
    private record Caller(String apiKey, OkxAccount account) {
    }

    private final Clock clock;
    private final Counters counters;
    private final OkxRateLimiter limiter;
    private final int limitScale;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, OkxInstrument> instruments = OkxInstrument.market();
    private final ConcurrentHashMap<String, OkxKey> keys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, OkxAccount> accounts = new ConcurrentHashMap<>();
    private final AtomicLong nextOrdId = new AtomicLong(680_800_019_749_904_384L);
    private final AtomicLong nextTradeId = new AtomicLong(744_876_980L);

    OkxDialect(Clock clock, Counters counters, int limitScale) {
        this.clock = clock;
        this.counters = counters;
        this.limiter = new OkxRateLimiter(clock);
        this.limitScale = limitScale;
    }

    void addKey(String apiKey, String secret, String passphrase, Boolean demo) {
        keys.put(apiKey, new OkxKey(new HmacSha256(secret), passphrase.getBytes(StandardCharsets.UTF_8), demo));
    }

    void resetLimits() {
        limiter.reset();
    }

    /** The windows of one user-ID bucket ({@code endpoint} as in {@link SimExchange#okxWindows}). */
    List<LimitWindow> windows(String apiKey, String endpoint) {
        return limiter.windows("uid:" + apiKey + "|" + endpoint);
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith(PREFIX);
    }

    @Override
    public String clientOrderIdOfPlacement(SimRequest request) {
        if ("POST".equals(request.method()) && "/api/v5/trade/order".equals(request.path())) {
            try {
                return text(body(request), "clOrdId");
            } catch (OkxError e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public SimResponse handle(SimRequest request) {
        try {
            return route(request);
        } catch (OkxError e) {
            return error(e.http, e.code, e.getMessage());
        }
    }

    private SimResponse route(SimRequest request) {
        String method = request.method();
        switch (request.path()) {
            case "/api/v5/public/time":
                requireMethod(method, "GET");
                limit("ip:" + request.remoteHost() + "|time", TIME_LIMIT);
                return SimResponse.json(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"ts\":\"" + clock.millis()
                        + "\"}]}");
            case "/api/v5/public/instruments":
                requireMethod(method, "GET");
                return instruments(request);
            case "/api/v5/account/balance":
                requireMethod(method, "GET");
                return balance(request);
            case "/api/v5/trade/order":
                if ("POST".equals(method)) {
                    return placeOrder(request);
                }
                requireMethod(method, "GET");
                return queryOrder(request);
            case "/api/v5/trade/cancel-order":
                requireMethod(method, "POST");
                return cancelOrder(request);
            default:
                // Error Code > REST API > General Class: 50005 comes with HTTP 410, not 404
                throw new OkxError(410, "50005", "API endpoint is inactive or unavailable.");
        }
    }

    private static void requireMethod(String method, String expected) {
        if (!expected.equals(method)) {
            throw new OkxError(405, "50115", "Invalid request method.");
        }
    }

    private void limit(String bucket, int documentedLimit) {
        // Error Code > REST API > General Class has two rows for 50011: HTTP 200 "Rate limit
        // reached. ..." and HTTP 429 "Too Many Requests"; the sim answers the 429 one
        if (!limiter.tryAcquire(bucket, documentedLimit * limitScale)) {
            throw new OkxError(429, "50011", "Too Many Requests");
        }
    }

    // ---- parameters -------------------------------------------------------------------------

    /** The JSON object body of a POST, parsed once per request. */
    private JsonNode body(SimRequest request) {
        if (request.attachment() instanceof JsonNode cached) {
            return cached;
        }
        if (request.body().length == 0) {
            throw new OkxError(400, "50000", "Body for POST request cannot be empty.");
        }
        if (!request.isJsonBody()) {
            throw new OkxError(400, "50006", "Invalid Content-Type. Please use \"application/JSON\".");
        }
        JsonNode node;
        try {
            node = mapper.readTree(request.body());
        } catch (IOException e) {
            throw new OkxError(400, "50002", "JSON syntax error");
        }
        if (node == null || !node.isObject()) {
            throw new OkxError(400, "50002", "JSON syntax error");
        }
        request.attach(node);
        return node;
    }

    /** A body field's text (OKX sends every value as a string; numbers are taken too), null when absent or "". */
    private static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new OkxError(400, "51000", "Parameter " + name + " error");
        }
        String s = value.asText();
        return s.isEmpty() ? null : s;
    }

    private static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new OkxError(400, "50014", "Parameter " + name + " can not be empty.");
        }
        return value;
    }

    /** A positive decimal, or null when the text is not one. */
    private static BigDecimal positive(String text) {
        BigDecimal value = Codec.decimal(text);
        return value == null || value.signum() <= 0 ? null : value;
    }

    /**
     * OKX v5 docs, Trade > Place order: clOrdId is "a combination of case-sensitive
     * alphanumerics, all numbers, or all letters of up to 32 characters".
     */
    static boolean validClOrdId(String id) {
        if (id.isEmpty() || id.length() > 32) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** A decimal as OKX writes it: plain, without trailing zeros. */
    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    // ---- authentication ---------------------------------------------------------------------

    /**
     * Checks the four {@code OK-ACCESS-*} headers as the OKX v5 docs describe them (Overview >
     * REST Authentication), answering each failure with the code and HTTP status of the docs'
     * error table (API Class); returns the caller and its account.
     */
    private Caller authenticate(SimRequest request) {
        String apiKey = header(request, "OK-ACCESS-KEY", "50103");
        String signature = header(request, "OK-ACCESS-SIGN", "50106");
        String timestamp = header(request, "OK-ACCESS-TIMESTAMP", "50107");
        String passphrase = header(request, "OK-ACCESS-PASSPHRASE", "50104");
        OkxKey key = keys.get(apiKey);
        if (key == null) {
            throw new OkxError(401, "50111", "Invalid OK-ACCESS-KEY.");
        }
        long sent = timestampMillis(timestamp);
        if (sent == Long.MIN_VALUE) {
            throw new OkxError(401, "50112", "Invalid OK-ACCESS-TIMESTAMP.");
        }
        long now = clock.millis();
        if (Math.abs(now - sent) > TIMESTAMP_WINDOW_MILLIS) {
            throw new OkxError(401, "50102", "Timestamp request expired.");
        }
        if (!MessageDigest.isEqual(key.passphrase(), passphrase.getBytes(StandardCharsets.UTF_8))) {
            throw new OkxError(401, "50105", "Request header \"OK-ACCESS-PASSPHRASE\" incorrect.");
        }
        boolean simulated = "1".equals(request.header("x-simulated-trading"));
        if (key.demo() != null && key.demo() != simulated) {
            throw new OkxError(401, "50101", "APIKey does not match current environment.");
        }
        if (!key.secret().verifyBase64(signedMessage(request, timestamp), signature)) {
            throw new OkxError(401, "50113", "Invalid signature.");
        }
        return new Caller(apiKey, accounts.computeIfAbsent(apiKey, k -> new OkxAccount(now)));
    }

    /**
     * The Unix milliseconds of an {@code OK-ACCESS-TIMESTAMP} in the one form the OKX v5 docs give
     * (Overview > REST Authentication > Making Requests: "ISO 8601 UTC format with millisecond
     * precision, e.g. 2020-12-08T09:08:57.715Z"), or {@code Long.MIN_VALUE} for any other text:
     * no fraction, other fraction lengths and offsets other than {@code Z} are refused.
     */
    static long timestampMillis(String timestamp) {
        if (timestamp.length() != 24) {
            return Long.MIN_VALUE;
        }
        try {
            return OK_ACCESS_TIMESTAMP.parse(timestamp, Instant::from).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    private static String header(SimRequest request, String name, String codeWhenMissing) {
        String value = request.header(name);
        if (value == null || value.isEmpty()) {
            throw new OkxError(401, codeWhenMissing, "Request header \"" + name + "\" cannot be empty.");
        }
        return value;
    }

    /** timestamp + METHOD + path with query (as received) + body (as received). */
    static byte[] signedMessage(SimRequest request, String timestamp) {
        byte[] head = (timestamp + request.method() + request.pathWithQuery()).getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = request.body();
        if (body.length == 0) {
            return head;
        }
        byte[] message = new byte[head.length + body.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        return message;
    }

    // ---- public endpoints -------------------------------------------------------------------

    private SimResponse instruments(SimRequest request) {
        Map<String, String> query = Codec.parseForm(request.rawQuery());
        String instType = required(query.get("instType"), "instType");
        if (!INST_TYPES.contains(instType)) {
            throw new OkxError(400, "51000", "Parameter instType error");
        }
        limit("ip:" + request.remoteHost() + "|instruments|" + instType, INSTRUMENTS_LIMIT);
        String instId = query.get("instId");
        Json json = new Json(4096).beginObject().field("code", "0").field("msg", "").name("data").beginArray();
        if ("SPOT".equals(instType)) {
            if (instId != null && !instId.isEmpty()) {
                OkxInstrument one = instruments.get(instId);
                if (one == null) {
                    throw new OkxError(200, "51001",
                            "Instrument ID, Instrument ID code or Spread ID doesn't exist.");
                }
                one.writeTo(json);
            } else {
                instruments.values().forEach(i -> i.writeTo(json));
            }
        }
        return SimResponse.ok(json.endArray().endObject().toBytes());
    }

    // ---- account ----------------------------------------------------------------------------

    private BigDecimal usdPrice(String ccy) {
        if ("USDT".equals(ccy)) {
            return BigDecimal.ONE;
        }
        OkxInstrument pair = instruments.get(ccy + "-USDT");
        return pair == null ? BigDecimal.ZERO : pair.lastPrice();
    }

    private SimResponse balance(SimRequest request) {
        Caller caller = authenticate(request);
        limit("uid:" + caller.apiKey() + "|balance", BALANCE_LIMIT);
        String ccyParam = Codec.parseForm(request.rawQuery()).get("ccy");
        List<String> wanted = null;
        if (ccyParam != null && !ccyParam.isEmpty()) {
            wanted = new ArrayList<>();
            for (String c : ccyParam.split(",")) {
                if (!c.isBlank()) {
                    wanted.add(c.strip());
                }
            }
            if (wanted.size() > 20) {
                throw new OkxError(200, "50025", "Parameter ccy count exceeds the limit 20.");
            }
        }
        OkxAccount account = caller.account();
        Json details = new Json(2048).beginArray();
        BigDecimal totalEq = BigDecimal.ZERO;
        long uTime;
        synchronized (account) {
            uTime = account.uTime();
            for (Map.Entry<String, OkxAccount.Balance> e : account.balances.entrySet()) {
                String ccy = e.getKey();
                OkxAccount.Balance b = e.getValue();
                if (b.cash().signum() == 0 || (wanted != null && !wanted.contains(ccy))) {
                    continue;
                }
                BigDecimal eqUsd = b.cash().multiply(usdPrice(ccy));
                totalEq = totalEq.add(eqUsd);
                details.beginObject()
                        .field("availBal", plain(b.avail))
                        .field("availEq", plain(b.avail))
                        .field("borrowFroz", "")
                        .field("cashBal", plain(b.cash()))
                        .field("ccy", ccy)
                        .field("crossLiab", "0")
                        .field("disEq", plain(eqUsd))
                        .field("eq", plain(b.cash()))
                        .field("eqUsd", plain(eqUsd))
                        .field("fixedBal", "0")
                        .field("frozenBal", plain(b.frozen))
                        .field("imr", "")
                        .field("interest", "0")
                        .field("isoEq", "0")
                        .field("isoLiab", "0")
                        .field("isoUpl", "0")
                        .field("liab", "0")
                        .field("maxLoan", "")
                        .field("mgnRatio", "")
                        .field("mmr", "")
                        .field("notionalLever", "")
                        .field("ordFrozen", plain(b.frozen))
                        .field("rewardBal", "0")
                        .field("spotInUseAmt", "")
                        .field("stgyEq", "0")
                        .field("twap", "0")
                        .field("uTime", Long.toString(b.uTime))
                        .field("upl", "0")
                        .field("uplLiab", "0")
                        .endObject();
            }
        }
        Json json = new Json(4096).beginObject().field("code", "0").name("data").beginArray().beginObject()
                .field("adjEq", "")
                .field("availEq", "")
                .field("borrowFroz", "")
                .name("details").raw(details.endArray().toString())
                .field("imr", "")
                .field("isoEq", "0")
                .field("mgnRatio", "")
                .field("mmr", "")
                .field("notionalUsd", "0")
                .field("ordFroz", "")
                .field("totalEq", plain(totalEq))
                .field("uTime", Long.toString(uTime))
                .field("upl", "0")
                .endObject().endArray().field("msg", "").endObject();
        return SimResponse.ok(json.toBytes());
    }

    // ---- orders -----------------------------------------------------------------------------

    private SimResponse placeOrder(SimRequest request) {
        Caller caller = authenticate(request);
        JsonNode body = body(request);
        String instId = required(text(body, "instId"), "instId");
        limit("uid:" + caller.apiKey() + "|order|" + instId, PLACE_LIMIT);
        long now = clock.millis();
        String expTime = request.header("expTime");
        if (expTime != null) {
            long deadline = Codec.parseLong(expTime);
            if (deadline < 0) {
                throw new OkxError(400, "51000", "Parameter expTime error");
            }
            if (now > deadline) {
                throw new OkxError(200, "50036",
                        "The expTime can't be earlier than the current system time. Please adjust the expTime and try"
                                + " again.");
            }
        }
        String tdMode = required(text(body, "tdMode"), "tdMode");
        String side = required(text(body, "side"), "side");
        String ordType = required(text(body, "ordType"), "ordType");
        String sz = required(text(body, "sz"), "sz");
        String clOrdId = text(body, "clOrdId");
        long inTime = now * 1000;
        OkxOrder order;
        try {
            order = newOrder(caller.account(), body, instId, tdMode, side, ordType, sz, clOrdId, now);
        } catch (Refusal r) {
            Json json = new Json(512).beginObject().field("code", "1").name("data").beginArray().beginObject()
                    .field("clOrdId", clOrdId == null ? "" : clOrdId)
                    .field("ordId", "")
                    .field("tag", "")
                    .field("ts", Long.toString(now))
                    .field("sCode", r.sCode)
                    .field("sMsg", r.getMessage())
                    .field("subCode", r.subCode)
                    .endObject().endArray()
                    .field("inTime", Long.toString(inTime))
                    .field("msg", OPERATION_FAILED)
                    .field("outTime", Long.toString(clock.millis() * 1000 + 1))
                    .endObject();
            return SimResponse.ok(json.toBytes());
        }
        Json json = new Json(512).beginObject().field("code", "0").field("msg", "").name("data").beginArray()
                .beginObject()
                .field("clOrdId", order.clOrdId())
                .field("ordId", Long.toString(order.ordId()))
                .field("tag", "")
                .field("ts", Long.toString(now))
                .field("sCode", "0")
                .field("sMsg", "")
                .field("subCode", "")
                .endObject().endArray()
                .field("inTime", Long.toString(inTime))
                .field("outTime", Long.toString(clock.millis() * 1000 + 1))
                .endObject();
        return SimResponse.ok(json.toBytes());
    }

    /**
     * Checks one order as OKX does and books it: market orders fill at once at the instrument's
     * demo price, limit orders that cross that price fill at it, other limit orders rest
     * ({@code live}) with their cost frozen. A market order the balance cannot pay in full is cut
     * down to what it can pay (rounded down to the lot size) unless {@code banAmend} is
     * {@code true}, as Trade > Place order documents banAmend: "If false (default): the system
     * reduces sz to fit the available balance and executes the smaller order"; the docs do not say
     * how the reduced {@code sz} reads, so it is the filled size in the order's own unit. An order
     * that not even its minimum size fits, or a limit order, is refused with 51008.
     */
    private OkxOrder newOrder(OkxAccount account, JsonNode body, String instId, String tdMode, String side,
            String ordType, String sz, String clOrdId, long now) {
        OkxInstrument inst = instruments.get(instId);
        if (inst == null) {
            throw new Refusal("51001", "Instrument ID, Instrument ID code or Spread ID doesn't exist.");
        }
        if (!"cash".equals(tdMode)) {
            throw new Refusal("51000", "Parameter tdMode error");
        }
        if (!"buy".equals(side) && !"sell".equals(side)) {
            throw new Refusal("51000", "Parameter side error");
        }
        boolean buy = "buy".equals(side);
        boolean market;
        switch (ordType) {
            case "limit" -> market = false;
            case "market" -> market = true;
            default -> throw new Refusal("51000", "Parameter ordType error");
        }
        if (clOrdId != null && !validClOrdId(clOrdId)) {
            throw new Refusal("51000", "Parameter clOrdId error");
        }
        BigDecimal size = positive(sz);
        if (size == null) {
            throw new Refusal("51000", "Parameter sz error");
        }
        String banAmendText = text(body, "banAmend");
        if (banAmendText != null && !"true".equals(banAmendText) && !"false".equals(banAmendText)) {
            throw new Refusal("51000", "Parameter banAmend error");
        }
        boolean banAmend = "true".equals(banAmendText);
        if (!inst.live()) {
            throw new Refusal("51022", "Contract suspended.");
        }
        BigDecimal last = inst.lastPrice();
        BigDecimal px = null;
        BigDecimal base;
        String tgtCcy = "";
        boolean fills;
        if (market) {
            tgtCcy = text(body, "tgtCcy");
            if (tgtCcy == null) {
                tgtCcy = buy ? "quote_ccy" : "base_ccy";
            }
            if ("quote_ccy".equals(tgtCcy)) {
                if (size.compareTo(inst.maxMktSz()) > 0) {
                    throw new Refusal("51202", "Market order amount exceeds the maximum amount.");
                }
                BigDecimal raw = size.divide(last, inst.lotSz().scale(), RoundingMode.DOWN);
                base = raw.subtract(raw.remainder(inst.lotSz()));
            } else if ("base_ccy".equals(tgtCcy)) {
                if (size.remainder(inst.lotSz()).signum() != 0) {
                    throw new Refusal("51121", "Order quantity must be a multiple of the lot size.");
                }
                base = size;
            } else {
                throw new Refusal("51000", "Parameter tgtCcy error");
            }
            fills = true;
        } else {
            String pxText = text(body, "px");
            if (pxText == null) {
                throw new Refusal("51204", "The price for the limit order cannot be empty.");
            }
            px = positive(pxText);
            if (px == null || px.remainder(inst.tickSz()).signum() != 0) {
                throw new Refusal("51000", "Parameter px error");
            }
            if (size.remainder(inst.lotSz()).signum() != 0) {
                throw new Refusal("51121", "Order quantity must be a multiple of the lot size.");
            }
            if (size.compareTo(inst.maxLmtSz()) > 0) {
                throw new Refusal("51005", "Your order amount exceeds the max order amount.");
            }
            base = size;
            fills = buy ? px.compareTo(last) >= 0 : px.compareTo(last) <= 0;
        }
        if (base.compareTo(inst.minSz()) < 0) {
            throw new Refusal("51020", "Your order should meet or exceed the minimum order amount.");
        }
        String payCcy = buy ? inst.quoteCcy() : inst.baseCcy();
        // a limit buy reserves its own price; a market order what it costs at the demo price
        BigDecimal cost = buy ? base.multiply(market ? last : px) : base;
        OkxOrder order;
        synchronized (account) {
            if (clOrdId != null && account.pendingClOrdId(clOrdId)) {
                throw new Refusal("51016", "Client order ID already exists.");
            }
            OkxAccount.Balance paying = account.balance(payCcy);
            if (paying.avail.compareTo(cost) < 0) {
                BigDecimal affordable = market && !banAmend ? affordableBase(paying.avail, buy, last, inst.lotSz()) : null;
                if (affordable == null || affordable.compareTo(inst.minSz()) < 0) {
                    throw new Refusal("51008", "Order failed. Insufficient " + payCcy + " balance in account", "1000");
                }
                base = affordable;
                size = "quote_ccy".equals(tgtCcy) ? base.multiply(last) : base;
                cost = buy ? base.multiply(last) : base;
            }
            long ordId = nextOrdId.getAndIncrement();
            String id = clOrdId == null ? "" : clOrdId;
            if (fills) {
                BigDecimal quote = base.multiply(last);
                OkxAccount.Balance baseBal = account.balance(inst.baseCcy());
                OkxAccount.Balance quoteBal = account.balance(inst.quoteCcy());
                if (buy) {
                    quoteBal.avail = quoteBal.avail.subtract(quote);
                    baseBal.avail = baseBal.avail.add(base);
                } else {
                    baseBal.avail = baseBal.avail.subtract(base);
                    quoteBal.avail = quoteBal.avail.add(quote);
                }
                account.touch(baseBal, now);
                account.touch(quoteBal, now);
                order = new OkxOrder(instId, inst.baseCcy(), inst.quoteCcy(), ordId, id, px, size, ordType, side,
                        tgtCcy, "filled", base, last, nextTradeId.getAndIncrement(), payCcy, BigDecimal.ZERO, now, now);
            } else {
                paying.avail = paying.avail.subtract(cost);
                paying.frozen = paying.frozen.add(cost);
                account.touch(paying, now);
                order = new OkxOrder(instId, inst.baseCcy(), inst.quoteCcy(), ordId, id, px, size, ordType, side,
                        tgtCcy, "live", BigDecimal.ZERO, null, 0, payCcy, cost, now, now);
            }
            account.orders.put(ordId, order);
            if (clOrdId != null) {
                account.latestByClOrdId.put(clOrdId, ordId);
                counters.placed(clOrdId);
            }
        }
        return order;
    }

    /** The largest base quantity, a multiple of the lot size, that {@code avail} pays for at {@code price}. */
    private static BigDecimal affordableBase(BigDecimal avail, boolean buy, BigDecimal price, BigDecimal lotSz) {
        BigDecimal raw = buy ? avail.divide(price, lotSz.scale(), RoundingMode.DOWN) : avail;
        return raw.subtract(raw.remainder(lotSz));
    }

    /** The order named by ordId (preferred, as OKX documents) or clOrdId; null when there is none. */
    private static OkxOrder find(OkxAccount account, String instId, String ordId, String clOrdId) {
        OkxOrder order;
        if (ordId != null) {
            long id = Codec.parseLong(ordId);
            if (id < 0) {
                throw new Refusal("51000", "Parameter ordId error");
            }
            order = account.orders.get(id);
        } else {
            Long id = account.latestByClOrdId.get(clOrdId);
            order = id == null ? null : account.orders.get(id);
        }
        return order == null || !order.instId().equals(instId) ? null : order;
    }

    private SimResponse cancelOrder(SimRequest request) {
        Caller caller = authenticate(request);
        JsonNode body = body(request);
        String instId = required(text(body, "instId"), "instId");
        limit("uid:" + caller.apiKey() + "|cancel|" + instId, CANCEL_LIMIT);
        String ordId = text(body, "ordId");
        String clOrdId = text(body, "clOrdId");
        long now = clock.millis();
        OkxAccount account = caller.account();
        OkxOrder canceled;
        try {
            if (ordId == null && clOrdId == null) {
                throw new Refusal("51003", "Either client order ID or order ID is required.");
            }
            if (!instruments.containsKey(instId)) {
                throw new Refusal("51001", "Instrument ID, Instrument ID code or Spread ID doesn't exist.");
            }
            synchronized (account) {
                OkxOrder order = find(account, instId, ordId, clOrdId);
                if (order == null || !order.pending()) {
                    throw new Refusal("51400",
                            "Order cancellation failed as the order has been filled, canceled or does not exist.");
                }
                OkxAccount.Balance paying = account.balance(order.frozenCcy());
                paying.frozen = paying.frozen.subtract(order.frozen());
                paying.avail = paying.avail.add(order.frozen());
                account.touch(paying, now);
                canceled = order.canceled(now);
                account.orders.put(canceled.ordId(), canceled);
            }
        } catch (Refusal r) {
            Json json = new Json(512).beginObject().field("code", "1").name("data").beginArray().beginObject()
                    .field("clOrdId", clOrdId == null ? "" : clOrdId)
                    .field("ordId", ordId == null ? "" : ordId)
                    .field("ts", Long.toString(now))
                    .field("sCode", r.sCode)
                    .field("sMsg", r.getMessage())
                    .endObject().endArray()
                    .field("inTime", Long.toString(now * 1000))
                    .field("msg", OPERATION_FAILED)
                    .field("outTime", Long.toString(clock.millis() * 1000 + 1))
                    .endObject();
            return SimResponse.ok(json.toBytes());
        }
        Json json = new Json(512).beginObject().field("code", "0").field("msg", "").name("data").beginArray()
                .beginObject()
                .field("clOrdId", canceled.clOrdId())
                .field("ordId", Long.toString(canceled.ordId()))
                .field("ts", Long.toString(now))
                .field("sCode", "0")
                .field("sMsg", "")
                .endObject().endArray()
                .field("inTime", Long.toString(now * 1000))
                .field("outTime", Long.toString(clock.millis() * 1000 + 1))
                .endObject();
        return SimResponse.ok(json.toBytes());
    }

    private SimResponse queryOrder(SimRequest request) {
        Caller caller = authenticate(request);
        Map<String, String> query = Codec.parseForm(request.rawQuery());
        String instId = required(query.get("instId"), "instId");
        limit("uid:" + caller.apiKey() + "|query|" + instId, QUERY_LIMIT);
        String ordId = emptyToNull(query.get("ordId"));
        String clOrdId = emptyToNull(query.get("clOrdId"));
        if (ordId == null && clOrdId == null) {
            throw new OkxError(200, "51003", "Either client order ID or order ID is required.");
        }
        if (!instruments.containsKey(instId)) {
            throw new OkxError(200, "51001", "Instrument ID, Instrument ID code or Spread ID doesn't exist.");
        }
        OkxAccount account = caller.account();
        Json json = new Json(2048).beginObject().field("code", "0").name("data").beginArray();
        synchronized (account) {
            OkxOrder order;
            try {
                order = find(account, instId, ordId, clOrdId);
            } catch (Refusal r) {
                // only a malformed ordId is refused here: 51000, HTTP 400 in the docs' error table
                throw new OkxError(400, r.sCode, r.getMessage());
            }
            if (order == null) {
                throw new OkxError(200, "51603", "Order does not exist.");
            }
            order.writeTo(json);
        }
        return SimResponse.ok(json.endArray().field("msg", "").endObject().toBytes());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // ---- errors -----------------------------------------------------------------------------

    private static SimResponse error(int http, String code, String msg) {
        return SimResponse.json(http, "{\"code\":" + Json.quote(code) + ",\"msg\":" + Json.quote(msg)
                + ",\"data\":[]}");
    }

    /**
     * The codes of the OKX v5 docs' error table (General Class) for the statuses a fault injects:
     * 429, 503, 500, 410, 405 and 401 are rows of the table; 502 and 504 have none and borrow
     * 50001's (503) code and message; any other status is its own number as code.
     */
    @Override
    public SimResponse injectedStatus(SimRequest request, int status) {
        return switch (status) {
            case 429 -> error(429, "50011", "Too Many Requests");
            case 503, 502, 504 -> error(status, "50001", "Service temporarily unavailable. Please try again later.");
            case 500 -> error(500, "50026", "System error. Try again later");
            case 410 -> error(410, "50005", "API endpoint is inactive or unavailable.");
            case 405 -> error(405, "50115", "Invalid request method.");
            case 401 -> error(401, "50114", "Invalid authorization.");
            default -> error(status, Integer.toString(status), "HTTP " + status);
        };
    }
}
