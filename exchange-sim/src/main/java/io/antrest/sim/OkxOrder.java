package io.antrest.sim;

import java.math.BigDecimal;

/**
 * One OKX spot order as the OKX dialect keeps it; replaced, never mutated, when its state
 * changes. {@code px} and {@code avgPx} are null when OKX would answer "" (a market order's price,
 * the average price of an order without fills); {@code frozen} is what the order holds in
 * {@code frozenCcy} while it rests.
 */
record OkxOrder(String instId, String baseCcy, String quoteCcy, long ordId, String clOrdId, BigDecimal px,
        BigDecimal sz, String ordType, String side, String tgtCcy, String state, BigDecimal accFillSz,
        BigDecimal avgPx, long tradeId, String frozenCcy, BigDecimal frozen, long cTime, long uTime) {

    /** Whether the order still rests on the book ({@code live} or {@code partially_filled}). */
    boolean pending() {
        return "live".equals(state) || "partially_filled".equals(state);
    }

    OkxOrder canceled(long now) {
        return new OkxOrder(instId, baseCcy, quoteCcy, ordId, clOrdId, px, sz, ordType, side, tgtCcy, "canceled",
                accFillSz, avgPx, tradeId, frozenCcy, BigDecimal.ZERO, cTime, now);
    }

    /**
     * The entry of {@code GET /api/v5/trade/order}: the fields of the OKX v5 docs (Trade > Get
     * order details) in the docs' example order, every value a string; the ones the simulator
     * has no use for (algo, TP/SL, options) are "" as OKX sends them for a plain spot order.
     */
    void writeTo(Json json) {
        boolean filled = accFillSz.signum() > 0;
        String fillTime = filled ? Long.toString(uTime) : "";
        json.beginObject()
                .field("accFillSz", OkxDialect.plain(accFillSz))
                .field("algoClOrdId", "")
                .field("algoId", "")
                .field("attachAlgoClOrdId", "")
                .name("attachAlgoOrds").beginArray().endArray()
                .field("avgPx", avgPx == null ? "" : OkxDialect.plain(avgPx))
                .field("cTime", Long.toString(cTime))
                .field("cancelSource", "")
                .field("cancelSourceReason", "")
                .field("category", "normal")
                .field("ccy", "")
                .field("clOrdId", clOrdId)
                .field("fee", "0")
                .field("feeCcy", "buy".equals(side) ? baseCcy : quoteCcy)
                .field("fillPx", avgPx == null ? "" : OkxDialect.plain(avgPx))
                .field("fillSz", filled ? OkxDialect.plain(accFillSz) : "0")
                .field("fillTime", fillTime)
                .field("instId", instId)
                .field("instType", "SPOT")
                .field("isTpLimit", "false")
                .field("lever", "")
                .name("linkedAlgoOrd").beginObject().field("algoId", "").endObject()
                .field("ordId", Long.toString(ordId))
                .field("ordType", ordType)
                .field("pnl", "0")
                .field("posSide", "net")
                .field("px", px == null ? "" : OkxDialect.plain(px))
                .field("pxType", "")
                .field("pxUsd", "")
                .field("pxVol", "")
                .field("quickMgnType", "")
                .field("rebate", "0")
                .field("rebateCcy", "buy".equals(side) ? quoteCcy : baseCcy)
                .field("reduceOnly", "false")
                .field("side", side)
                .field("slOrdPx", "")
                .field("slTriggerPx", "")
                .field("slTriggerPxType", "")
                .field("source", "")
                .field("state", state)
                .field("stpId", "")
                .field("stpMode", "cancel_maker")
                .field("sz", OkxDialect.plain(sz))
                .field("tag", "")
                .field("tdMode", "cash")
                .field("tgtCcy", tgtCcy)
                .field("tpOrdPx", "")
                .field("tpTriggerPx", "")
                .field("tpTriggerPxType", "")
                .field("tradeId", filled ? Long.toString(tradeId) : "")
                .field("tradeQuoteCcy", quoteCcy)
                .field("uTime", Long.toString(uTime))
                .endObject();
    }
}
