package io.antrest.sim;

import java.math.BigDecimal;

/** One order as the Binance dialect keeps it; replaced, never mutated, when its status changes. */
record BinanceOrder(String symbol, long orderId, String clientOrderId, BigDecimal price, BigDecimal origQty,
        BigDecimal executedQty, BigDecimal cummulativeQuoteQty, String status, String timeInForce, String type,
        String side, long time, long updateTime) {

    BinanceOrder canceled(long now) {
        return new BinanceOrder(symbol, orderId, clientOrderId, price, origQty, executedQty, cummulativeQuoteQty,
                "CANCELED", timeInForce, type, side, time, now);
    }

    boolean open() {
        return "NEW".equals(status) || "PARTIALLY_FILLED".equals(status);
    }

    /** Writes the fields common to every order answer. */
    Json writeCommon(Json json) {
        return json.field("price", Codec.eight(price))
                .field("origQty", Codec.eight(origQty))
                .field("executedQty", Codec.eight(executedQty))
                .field("origQuoteOrderQty", Codec.eight(BigDecimal.ZERO))
                .field("cummulativeQuoteQty", Codec.eight(cummulativeQuoteQty))
                .field("status", status)
                .field("timeInForce", timeInForce)
                .field("type", type)
                .field("side", side);
    }

    /** The answer of {@code GET /api/v3/order}. */
    byte[] queryJson() {
        Json json = new Json(512).beginObject()
                .field("symbol", symbol)
                .field("orderId", orderId)
                .field("orderListId", -1)
                .field("clientOrderId", clientOrderId);
        writeCommon(json)
                .field("stopPrice", Codec.eight(BigDecimal.ZERO))
                .field("icebergQty", Codec.eight(BigDecimal.ZERO))
                .field("time", time)
                .field("updateTime", updateTime)
                .field("isWorking", true)
                .field("workingTime", time)
                .field("selfTradePreventionMode", "NONE")
                .endObject();
        return json.toBytes();
    }
}
