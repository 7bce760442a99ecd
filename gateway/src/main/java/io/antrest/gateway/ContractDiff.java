package io.antrest.gateway;

import io.antrest.gateway.spi.Contract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The differences between the contracts in the store and those the exchange lists: symbols
 * added, removed, and changed (tick size, lot size, minimum notional, status word, trading
 * flag, assets, type), each list sorted by symbol.
 *
 * @param exchange the exchange
 * @param added    listed by the exchange, not in the store
 * @param removed  in the store, no longer listed by the exchange
 * @param changed  in both, with different fields
 */
public record ContractDiff(String exchange, List<Contract> added, List<Contract> removed, List<ContractChange> changed) {
    private static final int SHOWN = 20;

    /** Checks the arguments. */
    public ContractDiff {
        requireNonNull(exchange, "exchange is null");
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** Compares the stored contracts with the exchange's. */
    public static ContractDiff between(String exchange, Collection<Contract> stored, Collection<Contract> listed) {
        Map<String, Contract> before = bySymbol(stored);
        Map<String, Contract> after = bySymbol(listed);
        List<Contract> added = new ArrayList<>();
        List<Contract> removed = new ArrayList<>();
        List<ContractChange> changed = new ArrayList<>();
        for (Map.Entry<String, Contract> e : after.entrySet()) {
            Contract old = before.get(e.getKey());
            if (old == null) {
                added.add(e.getValue());
            } else {
                List<ContractChange.Field> fields = fields(old, e.getValue());
                if (!fields.isEmpty()) {
                    changed.add(new ContractChange(e.getKey(), fields));
                }
            }
        }
        for (Map.Entry<String, Contract> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                removed.add(e.getValue());
            }
        }
        return new ContractDiff(exchange, added, removed, changed);
    }

    /** Whether store and exchange agree. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** {@code 1 added (ETHUSDT), 0 removed, 1 changed (BTCUSDT: tickSize 0.01 -> 0.1)}, at most 20 of each shown. */
    @Override
    public String toString() {
        return added.size() + " added" + symbols(added) + ", " + removed.size() + " removed" + symbols(removed) + ", "
                + changed.size() + " changed" + (changed.isEmpty() ? "" : " (" + changed.stream().limit(SHOWN)
                .map(ContractChange::toString).collect(Collectors.joining("; ")) + (changed.size() > SHOWN ? "; …" : "") + ")");
    }

    private static String symbols(List<Contract> list) {
        if (list.isEmpty()) {
            return "";
        }
        return " (" + list.stream().limit(SHOWN).map(Contract::symbol).collect(Collectors.joining(", "))
                + (list.size() > SHOWN ? ", …" : "") + ")";
    }

    private static Map<String, Contract> bySymbol(Collection<Contract> contracts) {
        Map<String, Contract> m = new TreeMap<>();
        for (Contract c : contracts) {
            m.put(c.symbol(), c);
        }
        return m;
    }

    private static List<ContractChange.Field> fields(Contract a, Contract b) {
        List<ContractChange.Field> f = new ArrayList<>();
        decimal(f, "tickSize", a.tickSize(), b.tickSize());
        decimal(f, "lotSize", a.lotSize(), b.lotSize());
        decimal(f, "minQuantity", a.minQuantity(), b.minQuantity());
        decimal(f, "maxQuantity", a.maxQuantity(), b.maxQuantity());
        decimal(f, "maxPrice", a.maxPrice(), b.maxPrice());
        decimal(f, "minNotional", a.minNotional(), b.minNotional());
        text(f, "status", a.status(), b.status());
        text(f, "trading", Boolean.toString(a.trading()), Boolean.toString(b.trading()));
        text(f, "baseAsset", a.baseAsset(), b.baseAsset());
        text(f, "quoteAsset", a.quoteAsset(), b.quoteAsset());
        text(f, "settlementCurrency", a.settlementCurrency(), b.settlementCurrency());
        text(f, "type", a.type(), b.type());
        return f;
    }

    private static void decimal(List<ContractChange.Field> f, String name, BigDecimal a, BigDecimal b) {
        if (a.compareTo(b) != 0) {
            f.add(new ContractChange.Field(name, a.toPlainString(), b.toPlainString()));
        }
    }

    private static void text(List<ContractChange.Field> f, String name, String a, String b) {
        if (!Objects.equals(a, b)) {
            f.add(new ContractChange.Field(name, a, b));
        }
    }
}
