package io.antrest.sim;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Binance API key's account: balances (free and locked), orders, the latest order of each
 * client order id, and order counts. Every method is called under the account's own lock ({@code synchronized}).
 */
final class BinanceAccount {

    /** A free / locked pair for one asset. */
    static final class Balance {
        BigDecimal free;
        BigDecimal locked = BigDecimal.ZERO;

        Balance(BigDecimal free) {
            this.free = free;
        }
    }

    final Map<String, Balance> balances = new TreeMap<>();
    final Map<Long, BinanceOrder> orders = new HashMap<>();
    /**
     * Each client order id's latest order. Binance's rest-api.md, "New order (TRADE)", parameter
     * {@code newClientOrderId}: "A unique id among open orders"; an id is taken again once its order
     * is no longer open. So at most one order per id is open, and it is the latest one.
     */
    final Map<String, Long> orderIdsByClientId = new HashMap<>();
    private long tenSecondWindow = Long.MIN_VALUE;
    private int tenSecondCount;
    private long dayWindow = Long.MIN_VALUE;
    private int dayCount;
    private long updateTime;

    BinanceAccount(long now) {
        this.updateTime = now;
        deposit("BTC", "1.50000000");
        deposit("ETH", "25.00000000");
        deposit("BNB", "50.00000000");
        deposit("USDT", "100000.00000000");
        deposit("FDUSD", "20000.00000000");
        deposit("EUR", "20000.00000000");
        deposit("SOL", "200.00000000");
        deposit("XRP", "20000.00000000");
        deposit("ADA", "20000.00000000");
        deposit("DOGE", "100000.00000000");
        deposit("LTC", "100.00000000");
        deposit("DOT", "1000.00000000");
        deposit("LINK", "1000.00000000");
        deposit("TRX", "50000.00000000");
        deposit("AVAX", "300.00000000");
    }

    private void deposit(String asset, String amount) {
        balances.put(asset, new Balance(new BigDecimal(amount)));
    }

    /** The latest order placed with this client order id; null when there is none. */
    BinanceOrder latestWithClientOrderId(String clientOrderId) {
        Long id = orderIdsByClientId.get(clientOrderId);
        return id == null ? null : orders.get(id);
    }

    /**
     * Whether an open order (NEW or PARTIALLY_FILLED) has this client order id: only then is a new
     * order with it a duplicate (rest-api.md, "New order (TRADE)", {@code newClientOrderId}).
     */
    boolean clientOrderIdInUse(String clientOrderId) {
        BinanceOrder latest = latestWithClientOrderId(clientOrderId);
        return latest != null && latest.open();
    }

    Balance balance(String asset) {
        return balances.computeIfAbsent(asset, a -> new Balance(BigDecimal.ZERO));
    }

    /** Counts one new order; returns false when a limit would be exceeded (and counts nothing). */
    boolean countOrder(long now, int limit10s, int limitDay) {
        roll(now);
        if (tenSecondCount >= limit10s || dayCount >= limitDay) {
            return false;
        }
        tenSecondCount++;
        dayCount++;
        return true;
    }

    int ordersIn10s(long now) {
        roll(now);
        return tenSecondCount;
    }

    int ordersInDay(long now) {
        roll(now);
        return dayCount;
    }

    private void roll(long now) {
        long ten = Math.floorDiv(now, 10_000L);
        if (ten != tenSecondWindow) {
            tenSecondWindow = ten;
            tenSecondCount = 0;
        }
        long day = Math.floorDiv(now, 86_400_000L);
        if (day != dayWindow) {
            dayWindow = day;
            dayCount = 0;
        }
    }

    void touch(long now) {
        updateTime = now;
    }

    long updateTime() {
        return updateTime;
    }
}
