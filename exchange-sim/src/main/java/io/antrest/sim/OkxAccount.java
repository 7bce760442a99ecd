package io.antrest.sim;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One OKX API key's trading account (spot mode): per currency an available and a frozen balance,
 * and the orders. Every method is called under the account's own lock ({@code synchronized}).
 */
final class OkxAccount {

    /** The available / frozen pair of one currency, with the time it last changed. */
    static final class Balance {
        BigDecimal avail;
        BigDecimal frozen = BigDecimal.ZERO;
        long uTime;

        Balance(BigDecimal avail, long uTime) {
            this.avail = avail;
            this.uTime = uTime;
        }

        BigDecimal cash() {
            return avail.add(frozen);
        }
    }

    final Map<String, Balance> balances = new TreeMap<>();
    final Map<Long, OkxOrder> orders = new HashMap<>();
    /** The latest order for each clOrdId (OKX lets a clOrdId be reused once its order is done). */
    final Map<String, Long> latestByClOrdId = new HashMap<>();
    private long uTime;

    OkxAccount(long now) {
        this.uTime = now;
        balances.put("USDT", new Balance(new BigDecimal("100000"), now));
        balances.put("BTC", new Balance(new BigDecimal("2"), now));
    }

    Balance balance(String ccy) {
        return balances.computeIfAbsent(ccy, c -> new Balance(BigDecimal.ZERO, uTime));
    }

    /** Whether a pending order already carries this clOrdId. */
    boolean pendingClOrdId(String clOrdId) {
        Long id = latestByClOrdId.get(clOrdId);
        OkxOrder order = id == null ? null : orders.get(id);
        return order != null && order.pending();
    }

    void touch(Balance balance, long now) {
        balance.uTime = now;
        uTime = now;
    }

    long uTime() {
        return uTime;
    }
}
