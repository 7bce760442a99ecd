package io.antrest.sim;

import java.math.BigDecimal;

/** One BitMEX order as the simulator keeps it; replaced, never mutated, when its status changes. */
record BitmexOrder(String orderID, String clOrdID, String account, String symbol, String side, BigDecimal orderQty,
        BigDecimal price, String currency, String settlCurrency, String ordType, String timeInForce,
        String ordStatus, BigDecimal leavesQty, BigDecimal cumQty, BigDecimal avgPx, String text,
        String transactTime, String timestamp) {

    BitmexOrder canceled(String now) {
        return new BitmexOrder(orderID, clOrdID, account, symbol, side, orderQty, price, currency, settlCurrency,
                ordType, timeInForce, "Canceled", BigDecimal.ZERO, cumQty, avgPx, "Canceled: Cancel from www.bitmex.com",
                transactTime, now);
    }

    boolean open() {
        return "New".equals(ordStatus) || "PartiallyFilled".equals(ordStatus);
    }

    void writeTo(Json json) {
        json.beginObject()
                .field("orderID", orderID)
                .field("clOrdID", clOrdID)
                .field("clOrdLinkID", "")
                .field("account", Long.parseLong(account))
                .field("symbol", symbol)
                .field("side", side)
                .field("orderQty", orderQty)
                .name("price").value(price)
                .name("displayQty").nullValue()
                .name("stopPx").nullValue()
                .name("pegOffsetValue").nullValue()
                .field("pegPriceType", "")
                .field("currency", currency)
                .field("settlCurrency", settlCurrency)
                .field("ordType", ordType)
                .field("timeInForce", timeInForce)
                .field("execInst", "")
                .field("contingencyType", "")
                .field("ordStatus", ordStatus)
                .field("triggered", "")
                .field("workingIndicator", open())
                .field("ordRejReason", "")
                .field("leavesQty", leavesQty)
                .field("cumQty", cumQty)
                .name("avgPx").value(avgPx)
                .field("text", text)
                .field("transactTime", transactTime)
                .field("timestamp", timestamp)
                .endObject();
    }
}
