package io.antrest.sim;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Binance spot symbol with the filters the simulator enforces.
 */
record BinanceSymbol(String symbol, String status, String baseAsset, String quoteAsset, BigDecimal tickSize,
        BigDecimal minPrice, BigDecimal maxPrice, BigDecimal stepSize, BigDecimal minQty, BigDecimal maxQty,
        BigDecimal minNotional, BigDecimal maxNotional, BigDecimal lastPrice) {

    boolean trading() {
        return "TRADING".equals(status);
    }

    /** The realistic market the simulator lists: 26 symbols, some of them not trading. */
    static Map<String, BinanceSymbol> market() {
        List<BinanceSymbol> all = List.of(
                usdt("BTCUSDT", "BTC", "0.01", "0.00001", "9000", "67012.55"),
                usdt("ETHUSDT", "ETH", "0.01", "0.0001", "9000", "3501.20"),
                usdt("BNBUSDT", "BNB", "0.01", "0.001", "9000", "588.40"),
                usdt("SOLUSDT", "SOL", "0.01", "0.001", "9000", "151.37"),
                usdt("XRPUSDT", "XRP", "0.0001", "0.1", "9000000", "0.5213"),
                usdt("ADAUSDT", "ADA", "0.0001", "0.1", "9000000", "0.4502"),
                usdt("DOGEUSDT", "DOGE", "0.00001", "1", "9000000", "0.12345"),
                usdt("LTCUSDT", "LTC", "0.01", "0.001", "90000", "80.21"),
                usdt("DOTUSDT", "DOT", "0.001", "0.01", "900000", "6.512"),
                usdt("LINKUSDT", "LINK", "0.01", "0.01", "900000", "14.06"),
                usdt("TRXUSDT", "TRX", "0.0001", "0.1", "9000000", "0.1207"),
                usdt("AVAXUSDT", "AVAX", "0.01", "0.01", "900000", "30.44"),
                btc("ETHBTC", "ETH", "0.00001", "0.0001", "100000", "0.05224"),
                btc("LTCBTC", "LTC", "0.000001", "0.001", "100000", "0.001197"),
                btc("BNBBTC", "BNB", "0.000001", "0.001", "100000", "0.008781"),
                btc("XRPBTC", "XRP", "0.00000001", "1", "90000000", "0.00000778"),
                btc("SOLBTC", "SOL", "0.000001", "0.001", "100000", "0.002259"),
                btc("LINKBTC", "LINK", "0.0000001", "0.01", "100000", "0.0002098"),
                symbol("BTCFDUSD", "TRADING", "BTC", "FDUSD", "0.01", "0.00001", "9000", "5", "67010.01"),
                symbol("ETHFDUSD", "TRADING", "ETH", "FDUSD", "0.01", "0.0001", "9000", "5", "3500.99"),
                symbol("BTCEUR", "TRADING", "BTC", "EUR", "0.01", "0.00001", "9000", "5", "61890.12"),
                symbol("ETHEUR", "TRADING", "ETH", "EUR", "0.01", "0.0001", "9000", "5", "3233.48"),
                symbol("MATICUSDT", "BREAK", "MATIC", "USDT", "0.0001", "0.1", "9000000", "5", "0.5011"),
                symbol("BUSDUSDT", "BREAK", "BUSD", "USDT", "0.0001", "1", "9000000", "5", "1.0001"),
                symbol("FTTUSDT", "BREAK", "FTT", "USDT", "0.0001", "0.01", "9000000", "5", "1.5120"),
                symbol("WAVESUSDT", "HALT", "WAVES", "USDT", "0.001", "0.01", "900000", "5", "1.204"));
        Map<String, BinanceSymbol> map = new LinkedHashMap<>();
        all.forEach(s -> map.put(s.symbol(), s));
        return Map.copyOf(map);
    }

    private static BinanceSymbol usdt(String symbol, String base, String tick, String step, String maxQty, String last) {
        return symbol(symbol, "TRADING", base, "USDT", tick, step, maxQty, "5", last);
    }

    private static BinanceSymbol btc(String symbol, String base, String tick, String step, String maxQty, String last) {
        return symbol(symbol, "TRADING", base, "BTC", tick, step, maxQty, "0.0001", last);
    }

    private static BinanceSymbol symbol(String symbol, String status, String base, String quote, String tick,
            String step, String maxQty, String minNotional, String last) {
        BigDecimal tickSize = new BigDecimal(tick);
        BigDecimal stepSize = new BigDecimal(step);
        return new BinanceSymbol(symbol, status, base, quote, tickSize, tickSize, new BigDecimal("1000000"),
                stepSize, stepSize, new BigDecimal(maxQty), new BigDecimal(minNotional), new BigDecimal("9000000"),
                new BigDecimal(last));
    }

    /** This symbol's entry of {@code /api/v3/exchangeInfo}. */
    void writeTo(Json json) {
        json.beginObject()
                .field("symbol", symbol)
                .field("status", status)
                .field("baseAsset", baseAsset)
                .field("baseAssetPrecision", 8)
                .field("quoteAsset", quoteAsset)
                .field("quotePrecision", 8)
                .field("quoteAssetPrecision", 8)
                .field("baseCommissionPrecision", 8)
                .field("quoteCommissionPrecision", 8)
                .name("orderTypes").beginArray().value("LIMIT").value("LIMIT_MAKER").value("MARKET")
                .value("STOP_LOSS").value("STOP_LOSS_LIMIT").value("TAKE_PROFIT").value("TAKE_PROFIT_LIMIT").endArray()
                .field("icebergAllowed", true)
                .field("ocoAllowed", true)
                .field("otoAllowed", true)
                .field("opoAllowed", false)
                .field("quoteOrderQtyMarketAllowed", true)
                .field("allowTrailingStop", true)
                .field("cancelReplaceAllowed", true)
                .field("amendAllowed", true)
                .field("pegInstructionsAllowed", false)
                .field("isSpotTradingAllowed", true)
                .field("isMarginTradingAllowed", trading())
                .name("filters").beginArray()
                .beginObject().field("filterType", "PRICE_FILTER").field("minPrice", Codec.eight(minPrice))
                .field("maxPrice", Codec.eight(maxPrice)).field("tickSize", Codec.eight(tickSize)).endObject()
                .beginObject().field("filterType", "LOT_SIZE").field("minQty", Codec.eight(minQty))
                .field("maxQty", Codec.eight(maxQty)).field("stepSize", Codec.eight(stepSize)).endObject()
                .beginObject().field("filterType", "ICEBERG_PARTS").field("limit", 10).endObject()
                .beginObject().field("filterType", "MARKET_LOT_SIZE").field("minQty", Codec.eight(BigDecimal.ZERO))
                .field("maxQty", Codec.eight(maxQty.divide(BigDecimal.TEN))).field("stepSize", Codec.eight(BigDecimal.ZERO))
                .endObject()
                .beginObject().field("filterType", "TRAILING_DELTA").field("minTrailingAboveDelta", 10)
                .field("maxTrailingAboveDelta", 2000).field("minTrailingBelowDelta", 10)
                .field("maxTrailingBelowDelta", 2000).endObject()
                .beginObject().field("filterType", "PERCENT_PRICE_BY_SIDE").field("bidMultiplierUp", "5")
                .field("bidMultiplierDown", "0.2").field("askMultiplierUp", "5").field("askMultiplierDown", "0.2")
                .field("avgPriceMins", 5).endObject()
                .beginObject().field("filterType", "NOTIONAL").field("minNotional", Codec.eight(minNotional))
                .field("applyMinToMarket", true).field("maxNotional", Codec.eight(maxNotional))
                .field("applyMaxToMarket", false).field("avgPriceMins", 5).endObject()
                .beginObject().field("filterType", "MAX_NUM_ORDERS").field("maxNumOrders", 200).endObject()
                .beginObject().field("filterType", "MAX_NUM_ALGO_ORDERS").field("maxNumAlgoOrders", 5).endObject()
                .endArray()
                .name("permissions").beginArray().endArray()
                .name("permissionSets").beginArray().beginArray().value("SPOT").value("MARGIN").endArray().endArray()
                .field("defaultSelfTradePreventionMode", "EXPIRE_MAKER")
                .name("allowedSelfTradePreventionModes").beginArray().value("EXPIRE_TAKER").value("EXPIRE_MAKER")
                .value("EXPIRE_BOTH").value("DECREMENT").endArray()
                .endObject();
    }

    /**
     * The filter this price and quantity fail, or null. Rules as filters.md gives them: within
     * bounds and a multiple of the tick / step size; notional within bounds (NOTIONAL's minimum
     * applied to MARKET orders, its maximum not, as the filter published here says).
     */
    String failedFilter(BigDecimal price, BigDecimal quantity, boolean market) {
        // filters.md, PRICE_FILTER: price >= minPrice, price <= maxPrice, price % tickSize == 0, each
        // rule disabled when its value is 0; LOT_SIZE: quantity >= minQty, <= maxQty, % stepSize == 0.
        if (!market) {
            if ((minPrice.signum() != 0 && price.compareTo(minPrice) < 0)
                    || (maxPrice.signum() != 0 && price.compareTo(maxPrice) > 0)
                    || (tickSize.signum() != 0 && price.remainder(tickSize).signum() != 0)) {
                return "PRICE_FILTER";
            }
        }
        if (quantity.compareTo(minQty) < 0 || quantity.compareTo(maxQty) > 0
                || (stepSize.signum() != 0 && quantity.remainder(stepSize).signum() != 0)) {
            return "LOT_SIZE";
        }
        BigDecimal notional = price.multiply(quantity);
        if (notional.compareTo(minNotional) < 0 || (!market && notional.compareTo(maxNotional) > 0)) {
            return "NOTIONAL";
        }
        return null;
    }
}
