package io.antrest.gateway.spi;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/**
 * One tradable symbol as the exchange lists it, with the rules an order must respect. Two
 * contracts differ for the contract store when any of these differ. A limit the exchange does
 * not set is zero ({@code minQuantity}, {@code maxQuantity}, {@code maxPrice}, {@code minNotional}).
 * Build one with {@link #builder(String, String)}.
 *
 * @param exchange           the exchange's name
 * @param symbol             the exchange's symbol, e.g. {@code BTCUSDT}, {@code XBTUSD}, {@code BTC-USDT}
 * @param baseAsset          what is bought, e.g. {@code BTC} (BitMEX: the underlying)
 * @param quoteAsset         what it is priced in, e.g. {@code USDT}
 * @param settlementCurrency what profit and loss is paid in: the quote asset for spot, BitMEX's {@code settlCurrency} ({@code XBt}, {@code USDt})
 * @param tickSize           the price increment
 * @param lotSize            the quantity increment
 * @param minQuantity        the smallest quantity accepted (Binance LOT_SIZE minQty, OKX minSz); zero when none
 * @param maxQuantity        the largest quantity of one order (Binance LOT_SIZE maxQty, OKX maxLmtSz); zero when none
 * @param maxPrice           the highest price accepted (Binance PRICE_FILTER maxPrice, BitMEX maxPrice); zero when none
 * @param minNotional        the smallest price × quantity accepted; zero when none
 * @param status             the exchange's own status word, e.g. {@code TRADING}, {@code BREAK}, {@code Open}, {@code live}
 * @param trading            whether orders are accepted now
 * @param type               the kind of contract, e.g. {@code SPOT}, {@code FFWCSX} (perpetual)
 */
public record Contract(String exchange, String symbol, String baseAsset, String quoteAsset, String settlementCurrency,
                       BigDecimal tickSize, BigDecimal lotSize, BigDecimal minQuantity, BigDecimal maxQuantity,
                       BigDecimal maxPrice, BigDecimal minNotional, String status, boolean trading, String type) {
    /** Checks the arguments and strips trailing zeros so that 0.01000000 equals 0.01. */
    public Contract {
        requireNonNull(exchange, "exchange is null");
        requireNonNull(symbol, "symbol is null");
        requireNonNull(baseAsset, "baseAsset is null");
        requireNonNull(quoteAsset, "quoteAsset is null");
        requireNonNull(settlementCurrency, "settlementCurrency is null");
        tickSize = normal(requireNonNull(tickSize, "tickSize is null"));
        lotSize = normal(requireNonNull(lotSize, "lotSize is null"));
        minQuantity = normal(requireNonNull(minQuantity, "minQuantity is null"));
        maxQuantity = normal(requireNonNull(maxQuantity, "maxQuantity is null"));
        maxPrice = normal(requireNonNull(maxPrice, "maxPrice is null"));
        minNotional = normal(requireNonNull(minNotional, "minNotional is null"));
        requireNonNull(status, "status is null");
        requireNonNull(type, "type is null");
    }

    /** A builder for the contract {@code symbol} of {@code exchange}; limits start at zero (none). */
    public static Builder builder(String exchange, String symbol) {
        return new Builder(exchange, symbol);
    }

    /** A builder holding this contract's values, to change some. */
    public Builder toBuilder() {
        return new Builder(exchange, symbol).baseAsset(baseAsset).quoteAsset(quoteAsset)
                .settlementCurrency(settlementCurrency).tickSize(tickSize).lotSize(lotSize).minQuantity(minQuantity)
                .maxQuantity(maxQuantity).maxPrice(maxPrice).minNotional(minNotional).status(status, trading).type(type);
    }

    private static BigDecimal normal(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** Builds a {@link Contract}; the settlement currency defaults to the quote asset. */
    public static final class Builder {
        private final String exchange;
        private final String symbol;
        private String baseAsset = "";
        private String quoteAsset = "";
        private String settlementCurrency;
        private BigDecimal tickSize;
        private BigDecimal lotSize;
        private BigDecimal minQuantity = BigDecimal.ZERO;
        private BigDecimal maxQuantity = BigDecimal.ZERO;
        private BigDecimal maxPrice = BigDecimal.ZERO;
        private BigDecimal minNotional = BigDecimal.ZERO;
        private String status = "";
        private boolean trading;
        private String type = "";

        private Builder(String exchange, String symbol) {
            this.exchange = requireNonNull(exchange, "exchange is null");
            this.symbol = requireNonNull(symbol, "symbol is null");
        }

        /** What is bought. */
        public Builder baseAsset(String asset) {
            this.baseAsset = asset;
            return this;
        }

        /** What it is priced in. */
        public Builder quoteAsset(String asset) {
            this.quoteAsset = asset;
            return this;
        }

        /** What profit and loss is paid in (default: the quote asset). */
        public Builder settlementCurrency(String currency) {
            this.settlementCurrency = currency;
            return this;
        }

        /** The price increment. */
        public Builder tickSize(BigDecimal tick) {
            this.tickSize = tick;
            return this;
        }

        /** The quantity increment. */
        public Builder lotSize(BigDecimal lot) {
            this.lotSize = lot;
            return this;
        }

        /** The smallest quantity. */
        public Builder minQuantity(BigDecimal min) {
            this.minQuantity = min;
            return this;
        }

        /** The largest quantity of one order. */
        public Builder maxQuantity(BigDecimal max) {
            this.maxQuantity = max;
            return this;
        }

        /** The highest price. */
        public Builder maxPrice(BigDecimal max) {
            this.maxPrice = max;
            return this;
        }

        /** The smallest price × quantity. */
        public Builder minNotional(BigDecimal min) {
            this.minNotional = min;
            return this;
        }

        /** The exchange's status word and whether it means orders are accepted. */
        public Builder status(String status, boolean trading) {
            this.status = status;
            this.trading = trading;
            return this;
        }

        /** The kind of contract. */
        public Builder type(String type) {
            this.type = type;
            return this;
        }

        /**
         * Builds the contract.
         *
         * @throws NullPointerException when the tick or lot size is missing
         */
        public Contract build() {
            return new Contract(exchange, symbol, baseAsset, quoteAsset,
                    settlementCurrency == null ? quoteAsset : settlementCurrency, tickSize, lotSize, minQuantity,
                    maxQuantity, maxPrice, minNotional, status, trading, type);
        }
    }
}
