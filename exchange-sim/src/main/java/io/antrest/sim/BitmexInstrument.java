package io.antrest.sim;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One BitMEX instrument with the fields clients read to trade it. */
record BitmexInstrument(String symbol, String rootSymbol, String state, String typ, String listing, String expiry,
        String underlying, String quoteCurrency, String settlCurrency, String positionCurrency, BigDecimal tickSize,
        BigDecimal lotSize, long multiplier, boolean quanto, boolean inverse, BigDecimal lastPrice) {

    boolean open() {
        return "Open".equals(state);
    }

    /** The realistic instrument list the simulator serves: ten instruments, one closed, one unlisted. */
    static Map<String, BitmexInstrument> all() {
        List<BitmexInstrument> list = List.of(
                perp("XBTUSD", "XBT", "USD", "XBt", "USD", "0.5", "100", -100_000_000L, false, true, "67010.5"),
                perp("ETHUSD", "ETH", "USD", "XBt", "USD", "0.05", "1", 100L, true, false, "3500.15"),
                perp("XBTUSDT", "XBT", "USDT", "USDt", "XBT", "0.5", "1000", 1L, false, false, "67005.0"),
                perp("ETHUSDT", "ETH", "USDT", "USDt", "ETH", "0.05", "1000", 1_000L, false, false, "3499.95"),
                perp("SOLUSDT", "SOL", "USDT", "USDt", "SOL", "0.01", "1000", 1_000L, false, false, "151.36"),
                perp("XRPUSD", "XRP", "USD", "XBt", "USD", "0.0001", "1", 20_000L, true, false, "0.5214"),
                new BitmexInstrument("XBTZ25", "XBT", "Open", "FFCCSX", "2025-06-20T12:00:00.000Z",
                        "2025-12-26T12:00:00.000Z", "XBT", "USD", "XBt", "USD", new BigDecimal("0.5"),
                        new BigDecimal("100"), -100_000_000L, false, true, new BigDecimal("68120.0")),
                new BitmexInstrument("XBTH26", "XBT", "Open", "FFCCSX", "2025-09-19T12:00:00.000Z",
                        "2026-03-27T12:00:00.000Z", "XBT", "USD", "XBt", "USD", new BigDecimal("0.5"),
                        new BigDecimal("100"), -100_000_000L, false, true, new BigDecimal("69250.5")),
                new BitmexInstrument("ETHU25", "ETH", "Closed", "FFCCSX", "2025-03-21T12:00:00.000Z",
                        "2025-09-26T12:00:00.000Z", "ETH", "USD", "XBt", "USD", new BigDecimal("0.05"),
                        new BigDecimal("1"), 100L, true, false, new BigDecimal("3480.10")),
                new BitmexInstrument("XBTM26", "XBT", "Unlisted", "FFCCSX", "2025-12-19T12:00:00.000Z",
                        "2026-06-26T12:00:00.000Z", "XBT", "USD", "XBt", "USD", new BigDecimal("0.5"),
                        new BigDecimal("100"), -100_000_000L, false, true, new BigDecimal("70100.0")));
        Map<String, BitmexInstrument> map = new LinkedHashMap<>();
        list.forEach(i -> map.put(i.symbol(), i));
        return map;
    }

    private static BitmexInstrument perp(String symbol, String root, String quote, String settl, String position,
            String tick, String lot, long multiplier, boolean quanto, boolean inverse, String last) {
        return new BitmexInstrument(symbol, root, "Open", "FFWCSX", "2016-05-13T12:00:00.000Z", null, root, quote,
                settl, position, new BigDecimal(tick), new BigDecimal(lot), multiplier, quanto, inverse,
                new BigDecimal(last));
    }

    void writeTo(Json json, String timestamp) {
        json.beginObject()
                .field("symbol", symbol)
                .field("rootSymbol", rootSymbol)
                .field("state", state)
                .field("typ", typ)
                .field("listing", listing)
                .field("front", listing)
                .name("expiry").value(expiry)
                .name("settle").value(expiry)
                .field("positionCurrency", positionCurrency)
                .field("underlying", underlying)
                .field("quoteCurrency", quoteCurrency)
                .field("underlyingSymbol", underlying + "=")
                .field("reference", "BMEX")
                .field("referenceSymbol", "." + "B" + underlying + (quoteCurrency.equals("USDT") ? "T" : ""))
                .field("maxOrderQty", 10_000_000L)
                .field("maxPrice", 1_000_000L)
                .field("lotSize", lotSize)
                .field("tickSize", tickSize)
                .field("multiplier", multiplier)
                .field("settlCurrency", settlCurrency)
                .field("underlyingToPositionMultiplier", inverse ? 0 : 1)
                .field("underlyingToSettleMultiplier", inverse ? -100_000_000L : 0)
                .field("quoteToSettleMultiplier", settlCurrency.equals("USDt") ? 1_000_000L : 0)
                .field("isQuanto", quanto)
                .field("isInverse", inverse)
                .field("initMargin", new BigDecimal("0.01"))
                .field("maintMargin", new BigDecimal("0.005"))
                .field("makerFee", new BigDecimal("-0.0001"))
                .field("takerFee", new BigDecimal("0.00075"))
                .field("lastPrice", lastPrice)
                .field("markPrice", lastPrice)
                .field("bidPrice", lastPrice.subtract(tickSize))
                .field("askPrice", lastPrice.add(tickSize))
                .field("timestamp", timestamp)
                .endObject();
    }
}
