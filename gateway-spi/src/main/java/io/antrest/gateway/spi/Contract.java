package io.antrest.gateway.spi;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/**
 * One tradable symbol as the exchange lists it, with the rules an order must respect. Two
 * contracts differ for the contract store when tick size, lot size, minimum notional or
 * trading status differ.
 *
 * @param exchange    the exchange's name
 * @param symbol      the exchange's symbol, e.g. {@code BTCUSDT}, {@code XBTUSD}
 * @param baseAsset   what is bought, e.g. {@code BTC} (BitMEX: the underlying)
 * @param quoteAsset  what it is priced in, e.g. {@code USDT}
 * @param tickSize    the price increment
 * @param lotSize     the quantity increment
 * @param minNotional the smallest price × quantity accepted; zero when the exchange sets none
 * @param status      the exchange's own status word, e.g. {@code TRADING}, {@code BREAK}, {@code Open}
 * @param trading     whether orders are accepted now
 * @param type        the kind of contract, e.g. {@code SPOT}, {@code FFWCSX} (perpetual)
 */
public record Contract(String exchange, String symbol, String baseAsset, String quoteAsset, BigDecimal tickSize,
                       BigDecimal lotSize, BigDecimal minNotional, String status, boolean trading, String type) {
    /** Checks the arguments and strips trailing zeros so that 0.01000000 equals 0.01. */
    public Contract {
        requireNonNull(exchange, "exchange is null");
        requireNonNull(symbol, "symbol is null");
        requireNonNull(baseAsset, "baseAsset is null");
        requireNonNull(quoteAsset, "quoteAsset is null");
        tickSize = normal(requireNonNull(tickSize, "tickSize is null"));
        lotSize = normal(requireNonNull(lotSize, "lotSize is null"));
        minNotional = normal(requireNonNull(minNotional, "minNotional is null"));
        requireNonNull(status, "status is null");
        requireNonNull(type, "type is null");
    }

    private static BigDecimal normal(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
