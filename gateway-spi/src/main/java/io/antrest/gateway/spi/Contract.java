package io.antrest.gateway.spi;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/**
 * One tradable symbol as the exchange lists it, with the rules an order must respect. Two
 * contracts differ for the contract store when any of these differ. A limit the exchange does
 * not set is zero ({@code minQuantity}, {@code maxQuantity}, {@code maxPrice}, {@code minNotional}).
 * Build one with {@link #builder(String, String)}.
 *
 * <p>A contract checks its numbers when it is made, so that nothing impossible reaches a store
 * or an order: the tick and lot sizes are greater than zero, the limits zero or more, and every
 * number has at most {@value #MAX_INTEGER_DIGITS} digits before the decimal point and at most
 * {@value #MAX_SCALE} after it once trailing zeros are dropped (from {@code 1E-30} up to below
 * {@code 1E+30}: real exchanges stay far inside, Binance's smallest ticks are {@code 0.00000001},
 * BitMEX's largest order sizes {@code 10000000}), written with at most {@value #MAX_DIGITS_WRITTEN}
 * digits. Anything else throws an {@link InvalidContractException} naming the contract, the
 * field, the value and the bound. The checks look at a number's digit count and exponent only,
 * so a hostile {@code 1E+2147483647} is refused at once, without expanding it. A plugin collects
 * its contracts in a {@link ContractListing}, which leaves such a contract out and reports it
 * instead of refusing every other contract of the answer.
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
    /** The most digits a number may have before its decimal point: every number is below {@code 1E+30}. */
    public static final int MAX_INTEGER_DIGITS = 30;
    /** The most digits a number may have after its decimal point, trailing zeros dropped: the finest step is {@code 1E-30}. */
    public static final int MAX_SCALE = 30;
    /** The most digits a number may be written with, trailing zeros included (Binance writes {@code 0.01000000}). */
    public static final int MAX_DIGITS_WRITTEN = 100;
    /** The rule a refused number breaks, for the message (a constant: every contract's six numbers are checked). */
    private static final String BOUND = "a number must have at most " + MAX_INTEGER_DIGITS + " digits before the decimal"
            + " point and " + MAX_SCALE + " after it (from 1E-" + MAX_SCALE + " to below 1E+" + MAX_INTEGER_DIGITS + ")";

    /**
     * Checks the arguments and strips trailing zeros so that 0.01000000 equals 0.01.
     *
     * @throws NullPointerException     when an argument is null
     * @throws InvalidContractException when a number is impossible (a tick or lot size of zero or
     *                                  less, a negative limit) or outside the bounds above
     */
    public Contract {
        requireNonNull(exchange, "exchange is null");
        requireNonNull(symbol, "symbol is null");
        requireNonNull(baseAsset, "baseAsset is null");
        requireNonNull(quoteAsset, "quoteAsset is null");
        requireNonNull(settlementCurrency, "settlementCurrency is null");
        tickSize = increment(exchange, symbol, "tickSize", requireNonNull(tickSize, "tickSize is null"));
        lotSize = increment(exchange, symbol, "lotSize", requireNonNull(lotSize, "lotSize is null"));
        minQuantity = limit(exchange, symbol, "minQuantity", requireNonNull(minQuantity, "minQuantity is null"));
        maxQuantity = limit(exchange, symbol, "maxQuantity", requireNonNull(maxQuantity, "maxQuantity is null"));
        maxPrice = limit(exchange, symbol, "maxPrice", requireNonNull(maxPrice, "maxPrice is null"));
        minNotional = limit(exchange, symbol, "minNotional", requireNonNull(minNotional, "minNotional is null"));
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

    /** A tick or lot size: greater than zero, within bounds. */
    private static BigDecimal increment(String exchange, String symbol, String field, BigDecimal d) {
        BigDecimal n = bounded(exchange, symbol, field, d);
        if (n.signum() <= 0) {
            throw new InvalidContractException(exchange, symbol, field, n.toPlainString(),
                    "must be greater than zero (a step of zero or less cannot be kept to)");
        }
        return n;
    }

    /** A limit: zero (none) or more, within bounds. */
    private static BigDecimal limit(String exchange, String symbol, String field, BigDecimal d) {
        BigDecimal n = bounded(exchange, symbol, field, d);
        if (n.signum() < 0) {
            throw new InvalidContractException(exchange, symbol, field, n.toPlainString(),
                    "must be zero (no limit) or more");
        }
        return n;
    }

    /**
     * {@code d} without trailing zeros and with a scale of at least 0, after checking its size from
     * its digit count and exponent alone: neither the check nor the normalising ever expands a
     * number such as {@code 1E+2147483647}.
     */
    private static BigDecimal bounded(String exchange, String symbol, String field, BigDecimal d) {
        if (d.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (d.precision() > MAX_DIGITS_WRITTEN) {
            throw new InvalidContractException(exchange, symbol, field, shown(d), "is written with " + d.precision()
                    + " digits, more than the " + MAX_DIGITS_WRITTEN + " accepted; " + BOUND);
        }
        // Trailing zeros change precision and scale alike: the digits before the point stay.
        if ((long) d.precision() - d.scale() > MAX_INTEGER_DIGITS) {
            throw new InvalidContractException(exchange, symbol, field, shown(d), "is too large; " + BOUND);
        }
        BigDecimal s = d.stripTrailingZeros();
        if (s.scale() > MAX_SCALE) {
            throw new InvalidContractException(exchange, symbol, field, shown(d), "is too fine; " + BOUND);
        }
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** A number for a message: as Java writes it (short for 1E+999999), or only its size when it has very many digits. */
    private static String shown(BigDecimal d) {
        return d.precision() > MAX_DIGITS_WRITTEN ? "(a number of " + d.precision() + " digits)" : d.toString();
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
         * @throws NullPointerException     when the tick or lot size is missing
         * @throws InvalidContractException when a number is impossible or out of bounds (see {@link Contract})
         */
        public Contract build() {
            return new Contract(exchange, symbol, baseAsset, quoteAsset,
                    settlementCurrency == null ? quoteAsset : settlementCurrency, tickSize, lotSize, minQuantity,
                    maxQuantity, maxPrice, minNotional, status, trading, type);
        }
    }
}
