package io.antrest.sim;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One OKX spot instrument as {@code GET /api/v5/public/instruments?instType=SPOT} lists it, with
 * the demo price at which the simulator fills market orders and crossing limit orders;
 * {@code instIdCode} is the instrument's number (the docs' only Integer field of the entry).
 */
record OkxInstrument(String instId, long instIdCode, String baseCcy, String quoteCcy, String state,
        BigDecimal tickSz, BigDecimal lotSz, BigDecimal minSz, BigDecimal maxLmtSz, BigDecimal maxMktSz,
        long listTime, BigDecimal lastPrice) {

    boolean live() {
        return "live".equals(state);
    }

    /** The spot market the simulator lists, in listing order; LUNA-USDT is suspended. */
    static Map<String, OkxInstrument> market() {
        List<OkxInstrument> all = List.of(
                spot("BTC-USDT", 1000000000L, "live", "0.1", "0.00000001", "0.00001", "1606468572000", "67012.5"),
                spot("ETH-USDT", 1000000001L, "live", "0.01", "0.000001", "0.0001", "1606468572000", "3501.2"),
                spot("OKB-USDT", 1000000002L, "live", "0.001", "0.000001", "0.01", "1606468572000", "48.512"),
                spot("SOL-USDT", 1000000003L, "live", "0.01", "0.000001", "0.01", "1630310400000", "151.37"),
                spot("ETH-BTC", 1000000004L, "live", "0.00001", "0.000001", "0.001", "1606468572000", "0.05224"),
                spot("LUNA-USDT", 1000000005L, "suspend", "0.0001", "0.000001", "0.1", "1622620800000", "0.4502"));
        Map<String, OkxInstrument> map = new LinkedHashMap<>();
        all.forEach(i -> map.put(i.instId(), i));
        return Collections.unmodifiableMap(map);
    }

    private static OkxInstrument spot(String instId, long instIdCode, String state, String tick, String lot,
            String min, String listTime, String last) {
        int dash = instId.indexOf('-');
        return new OkxInstrument(instId, instIdCode, instId.substring(0, dash), instId.substring(dash + 1), state,
                new BigDecimal(tick), new BigDecimal(lot), new BigDecimal(min), new BigDecimal("9999999999"),
                new BigDecimal("1000000"), Long.parseLong(listTime), new BigDecimal(last));
    }

    /**
     * This instrument's entry, with the fields of the OKX v5 docs' response example (Public Data >
     * Get instruments) in their documented JSON types: strings, but for {@code futureSettlement}
     * (Boolean), {@code instIdCode} (Integer), {@code tradeQuoteCcyList} (array of strings) and
     * {@code upcChg} (array of objects, [] when no change is coming); contract-only fields are ""
     * for spot.
     */
    void writeTo(Json json) {
        json.beginObject()
                .field("alias", "")
                .field("auctionEndTime", "")
                .field("baseCcy", baseCcy)
                .field("category", "1")
                .field("contTdSwTime", "")
                .field("ctMult", "")
                .field("ctType", "")
                .field("ctVal", "")
                .field("ctValCcy", "")
                .field("expTime", "")
                .field("futureSettlement", false)
                .field("groupId", "USDT".equals(quoteCcy) ? "1" : "2")
                .field("instCategory", "1")
                .field("instFamily", "")
                .field("instId", instId)
                .field("instIdCode", instIdCode)
                .field("instType", "SPOT")
                .field("lever", "")
                .field("listTime", Long.toString(listTime))
                .field("lotSz", lotSz.toPlainString())
                .field("maxIcebergSz", maxLmtSz.toPlainString())
                .field("maxLmtAmt", "20000000")
                .field("maxLmtSz", maxLmtSz.toPlainString())
                .field("maxMktAmt", "1000000")
                .field("maxMktSz", maxMktSz.toPlainString())
                .field("maxStopSz", maxMktSz.toPlainString())
                .field("maxTriggerSz", maxLmtSz.toPlainString())
                .field("maxTwapSz", maxLmtSz.toPlainString())
                .field("minSz", minSz.toPlainString())
                .field("openType", "fix_price")
                .field("optType", "")
                .field("preMktSwTime", "")
                .field("quoteCcy", quoteCcy)
                .field("ruleType", "normal")
                .field("settleCcy", "")
                .field("state", state)
                .field("stk", "")
                .field("tickSz", tickSz.toPlainString())
                .name("tradeQuoteCcyList").beginArray().value(quoteCcy).endArray()
                .field("uly", "")
                .name("upcChg").beginArray().endArray()
                .endObject();
    }
}
