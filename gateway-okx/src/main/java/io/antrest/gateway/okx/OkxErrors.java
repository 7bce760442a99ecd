package io.antrest.gateway.okx;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.Printable;
import io.antrest.core.Request;
import io.antrest.core.Response;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.ExchangeError;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Reads OKX v5's errors out of any answer, {@code {"code":"51008","msg":"...","data":[...]}}:
 * a code other than {@code "0"} is an error whatever the HTTP status, 200 included (OKX v5 docs,
 * Error Code &gt; REST API: most trade errors come with HTTP 200). For place and cancel answers
 * with top-level code {@code "1"} (operation failed) or {@code "2"} (partly succeeded) the item's
 * {@code sCode}/{@code sMsg} give the real reason and are used. The kind follows the code
 * (the docs' General, API and Trade classes), the HTTP status where the code says nothing.
 * Never throws: a non-2xx body that is not OKX's JSON still gives an error. A 2xx answer whose
 * body is not JSON at all (empty, cut short, garbled) is no error of OKX's: it is left to the
 * runtime, which reports it as malformed (status ERROR, outcome unknown), because the request may
 * well have been carried out; calling it a refusal would tell the caller an order placed was not.
 */
final class OkxErrors {
    private static final int MESSAGE_LENGTH = 200;

    /**
     * API class: the key, its passphrase, signature, timestamp header (50112 "Invalid
     * OK-ACCESS-TIMESTAMP.", a header not in the documented form), IP allow-list or permissions.
     */
    private static final Set<String> AUTHENTICATION = Set.of("50100", "50101", "50103", "50104", "50105", "50106",
            "50107", "50108", "50109", "50110", "50111", "50112", "50113", "50114", "50119", "50120", "50121", "50030",
            "50035");
    /**
     * 50102 "Timestamp request expired.": Overview &gt; REST Authentication &gt; Making Requests names
     * it as the answer to a timestamp more than 30 seconds from the server's time. 50036 "The expTime
     * can't be earlier than the current system time. Please adjust the expTime and try again." (Error
     * Code, General Class, HTTP 200): an order that reached OKX after its {@code expTime} (Overview &gt;
     * Transaction Timeouts: "the request will not be processed"), refused like a late timestamp.
     */
    private static final Set<String> TIMESTAMP = Set.of("50102", "50036");
    /** 50011 "Rate limit reached" / "Too Many Requests", 50061 the sub-account order rate limit, 50040 "Too frequent operations". */
    private static final Set<String> RATE_LIMITED = Set.of("50011", "50061", "50040");
    /**
     * 50001 service unavailable, 50004 endpoint timeout, 50013 systems busy, 50026 system error, 51054
     * request timeout, 51149 order timed out; the docs say of 50004 and 51149 that the request may or
     * may not have been carried out, so none of these is a refusal.
     */
    private static final Set<String> UNAVAILABLE = Set.of("50001", "50004", "50013", "50026", "51054", "51149");
    /** 51008 (and its sub-codes, 51008_1000…) "Order failed. Insufficient {ccy} balance in account". */
    private static final Set<String> INSUFFICIENT_FUNDS = Set.of("51008");
    /** Refusals of an order: duplicate clOrdId (51016), size and price limits, suspended or unlisted pair, blocked account. */
    private static final Set<String> ORDER_REJECTED = Set.of("51016", "51011", "51020", "51005", "51006", "51007", "51009",
            "51021", "51022", "51024", "50027", "50028", "50029", "50033", "50037");
    /** 51603 "Order does not exist"; 51400 cancel failed: the order was filled, canceled or does not exist; 51405 no pending orders. */
    private static final Set<String> NOT_FOUND = Set.of("51603", "51400", "51405");
    /** Malformed requests: empty or bad body, missing or conflicting parameters, unknown instrument, wrong method, retired path. */
    private static final Set<String> INVALID_REQUEST = Set.of("50000", "50002", "50005", "50006", "50014", "50015", "50016",
            "50024", "50025", "50115", "51001", "51002", "51003", "51015", "51407");

    private OkxErrors() {
    }

    static Optional<ExchangeError> read(Request request, Response response) {
        int status = response.status();
        JsonNode json = jsonOrNull(response);
        if (json == null && response.isSuccess()) {
            // a 2xx answer that is not JSON (cut short, a proxy's page) says nothing certain, least of all
            // "refused": the engine reports it as malformed, and an order's outcome stays unknown
            return Optional.empty();
        }
        if (json == null || !json.isObject() || !json.has("code")) {
            String message = response.bodyLength() == 0 ? "HTTP " + status + " without a body"
                    : (response.isSuccess() ? "answer is not OKX's JSON envelope: " : "") + Printable.of(response.bodyText().strip(), MESSAGE_LENGTH);
            return Optional.of(new ExchangeError(byStatus(status), status, "", Printable.of(message, MESSAGE_LENGTH + 40),
                    retryAfter(response)));
        }
        String code = json.path("code").asText("");
        String msg = json.path("msg").asText("");
        JsonNode failed = firstFailedItem(json.path("data"));
        if (code.equals("0") && failed == null) {
            if (response.isSuccess()) {
                return Optional.empty();
            }
            return Optional.of(new ExchangeError(byStatus(status), status, "", "HTTP " + status + " with code 0",
                    retryAfter(response)));
        }
        if (failed != null && (code.equals("0") || code.equals("1") || code.equals("2"))) {
            code = failed.path("sCode").asText("");
            String sMsg = failed.path("sMsg").asText("");
            msg = sMsg.isEmpty() ? msg : sMsg;
        }
        return Optional.of(new ExchangeError(kind(request, status, code), status, Printable.of(code, 40),
                Printable.of(msg, MESSAGE_LENGTH), retryAfter(response)));
    }

    /** The first item of {@code data} whose {@code sCode} is set and not {@code "0"}. */
    private static JsonNode firstFailedItem(JsonNode data) {
        if (!data.isArray()) {
            return null;
        }
        for (JsonNode item : data) {
            JsonNode sCode = item.path("sCode");
            if (sCode.isValueNode() && !sCode.asText("").isEmpty() && !sCode.asText().equals("0")) {
                return item;
            }
        }
        return null;
    }

    static ErrorKind kind(Request request, int status, String code) {
        // Sub-codes come as 51008_1000 in the docs' table (and as subCode beside sCode in answers).
        int underscore = code.indexOf('_');
        String c = underscore > 0 ? code.substring(0, underscore) : code;
        if (AUTHENTICATION.contains(c)) {
            return ErrorKind.AUTHENTICATION;
        }
        if (TIMESTAMP.contains(c)) {
            return ErrorKind.TIMESTAMP_OUT_OF_WINDOW;
        }
        if (RATE_LIMITED.contains(c)) {
            return ErrorKind.RATE_LIMITED;
        }
        if (UNAVAILABLE.contains(c)) {
            return ErrorKind.EXCHANGE_UNAVAILABLE;
        }
        if (INSUFFICIENT_FUNDS.contains(c)) {
            return ErrorKind.INSUFFICIENT_FUNDS;
        }
        if (ORDER_REJECTED.contains(c)) {
            return ErrorKind.ORDER_REJECTED;
        }
        if (NOT_FOUND.contains(c)) {
            return ErrorKind.NOT_FOUND;
        }
        boolean placing = request != null && OkxEndpoints.placesOrder(request);
        if (c.equals("51000")) {
            // "Parameter {param0} error": a refused order when placing, a malformed request elsewhere.
            return placing ? ErrorKind.ORDER_REJECTED : ErrorKind.INVALID_REQUEST;
        }
        if (INVALID_REQUEST.contains(c)) {
            return ErrorKind.INVALID_REQUEST;
        }
        if (placing && c.startsWith("51")) {
            // The Trade class: any other refusal of a new order is the order's, not the request's.
            return ErrorKind.ORDER_REJECTED;
        }
        ErrorKind byStatus = byStatus(status);
        return byStatus == ErrorKind.INVALID_REQUEST && status / 100 == 2 ? ErrorKind.UNKNOWN : byStatus;
    }

    private static ErrorKind byStatus(int status) {
        if (status == 401) {
            return ErrorKind.AUTHENTICATION;
        }
        if (status == 429) {
            return ErrorKind.RATE_LIMITED;
        }
        if (status >= 500) {
            return ErrorKind.EXCHANGE_UNAVAILABLE;
        }
        if (status == 404) {
            return ErrorKind.NOT_FOUND;
        }
        if (status == 400 || status == 405 || status == 410) {
            return ErrorKind.INVALID_REQUEST;
        }
        return ErrorKind.UNKNOWN;
    }

    private static JsonNode jsonOrNull(Response response) {
        if (response.bodyLength() == 0) {
            return null;
        }
        try {
            return response.json();
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** A {@code Retry-After} header in seconds, if a proxy or OKX sends one (OKX documents none). */
    private static Optional<Duration> retryAfter(Response response) {
        return response.header("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
