package io.antrest.gateway.spi;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/**
 * One asset's balance.
 *
 * @param asset  the asset, e.g. {@code BTC}, {@code XBt}
 * @param free   available for new orders
 * @param locked held by open orders (BitMEX: margin in use)
 */
public record Balance(String asset, BigDecimal free, BigDecimal locked) {
    /** Checks the arguments. */
    public Balance {
        requireNonNull(asset, "asset is null");
        requireNonNull(free, "free is null");
        requireNonNull(locked, "locked is null");
    }

    /** Free plus locked. */
    public BigDecimal total() {
        return free.add(locked);
    }
}
