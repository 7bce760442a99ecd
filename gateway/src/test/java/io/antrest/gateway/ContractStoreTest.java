package io.antrest.gateway;

import io.antrest.gateway.spi.Contract;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the contract store does whatever its database: run on the embedded H2 by
 * {@link H2ContractStoreTest} and on a real PostgreSQL 15 by {@link PostgresContractStoreTest}.
 */
abstract class ContractStoreTest {
    /** Races of two stores in {@link #twoStoresCheckingAtOnceBothSucceedAndLeaveOneWholeCopy}. */
    private static final int ROUNDS = 8;

    /** The JDBC URL of a new, empty store (no table yet): a database, or a schema of its own. */
    abstract String newStore();

    static Contract c(String symbol, String tick, String status) {
        return c("x", symbol, tick, status);
    }

    static Contract c(String exchange, String symbol, String tick, String status) {
        return Contract.builder(exchange, symbol).baseAsset(symbol.substring(0, 3)).quoteAsset("USDT").tickSize(new BigDecimal(tick))
                .lotSize(new BigDecimal("0.001")).minQuantity(new BigDecimal("0.001")).maxQuantity(new BigDecimal("9000"))
                .maxPrice(new BigDecimal("1000000")).minNotional(new BigDecimal("10")).status(status, status.equals("TRADING"))
                .type("SPOT").build();
    }

    @Test
    void aFirstCheckInitialisesTheStore() {
        String url = newStore();
        ContractStore store = new ContractStore(url);
        ContractCheck check = store.check("x", List.of(c("BTCUSDT", "0.01", "TRADING"), c("ETHUSDT", "0.01", "TRADING")),
                ContractPolicy.STRICT);

        assertThat(check.result()).isEqualTo(ContractCheck.Result.INITIALISED);
        assertThat(check.count()).isEqualTo(2);
        // a new store on the same database sees the rows, scale and all
        List<Contract> loaded = new ContractStore(url).load("x");
        assertThat(loaded).containsExactly(c("BTCUSDT", "0.01", "TRADING"), c("ETHUSDT", "0.01", "TRADING"));
        assertThat(loaded.get(0).tickSize()).isEqualByComparingTo("0.01");
        assertThat(store.load("other")).isEmpty();
    }

    @Test
    void theSameContractsAreUnchanged() {
        ContractStore store = new ContractStore(newStore());
        List<Contract> list = List.of(c("BTCUSDT", "0.01000000", "TRADING"));
        store.check("x", list, ContractPolicy.STRICT);
        ContractCheck again = store.check("x", List.of(c("BTCUSDT", "0.01", "TRADING")), ContractPolicy.STRICT);
        assertThat(again.result()).isEqualTo(ContractCheck.Result.UNCHANGED);
        assertThat(again.diff().isEmpty()).isTrue();
    }

    @Test
    void strictRefusesAnyDifferenceListingItAndLeavesTheStoreAlone() {
        ContractStore store = new ContractStore(newStore());
        List<Contract> before = List.of(c("BTCUSDT", "0.01", "TRADING"), c("ETHUSDT", "0.01", "TRADING"));
        store.check("x", before, ContractPolicy.STRICT);

        List<Contract> now = List.of(c("BTCUSDT", "0.1", "BREAK"), c("SOLUSDT", "0.001", "TRADING"));
        assertThatThrownBy(() -> store.check("x", now, ContractPolicy.STRICT))
                .isInstanceOf(ContractMismatchException.class)
                .hasMessageContaining("1 added (SOLUSDT)")
                .hasMessageContaining("1 removed (ETHUSDT)")
                .hasMessageContaining("BTCUSDT: tickSize 0.01 -> 0.1, status TRADING -> BREAK, trading true -> false")
                .hasMessageContaining("contract policy 'sync'")
                .satisfies(e -> {
                    ContractDiff d = ((ContractMismatchException) e).diff();
                    assertThat(d.added()).extracting(Contract::symbol).containsExactly("SOLUSDT");
                    assertThat(d.removed()).extracting(Contract::symbol).containsExactly("ETHUSDT");
                    assertThat(d.changed()).singleElement().satisfies(ch -> assertThat(ch.fields())
                            .containsExactly(new ContractChange.Field("tickSize", "0.01", "0.1"),
                                    new ContractChange.Field("status", "TRADING", "BREAK"),
                                    new ContractChange.Field("trading", "true", "false")));
                });
        assertThat(store.load("x")).isEqualTo(before);
    }

    @Test
    void syncWritesTheDifferencesAndReportsThem() {
        ContractStore store = new ContractStore(newStore());
        store.check("x", List.of(c("BTCUSDT", "0.01", "TRADING"), c("ETHUSDT", "0.01", "TRADING")), ContractPolicy.SYNC);
        List<Contract> now = List.of(c("BTCUSDT", "0.1", "TRADING"), c("SOLUSDT", "0.001", "TRADING"));

        ContractCheck check = store.check("x", now, ContractPolicy.SYNC);
        assertThat(check.result()).isEqualTo(ContractCheck.Result.SYNCED);
        assertThat(check.diff().added()).extracting(Contract::symbol).containsExactly("SOLUSDT");
        assertThat(check.diff().removed()).extracting(Contract::symbol).containsExactly("ETHUSDT");
        assertThat(check.diff().changed()).extracting(ContractChange::symbol).containsExactly("BTCUSDT");
        assertThat(check.toString()).contains("synced").contains("BTCUSDT: tickSize 0.01 -> 0.1");
        assertThat(store.load("x")).isEqualTo(now);
        assertThat(store.check("x", now, ContractPolicy.STRICT).result()).isEqualTo(ContractCheck.Result.UNCHANGED);
    }

    @Test
    void exchangesAreKeptApart() {
        ContractStore store = new ContractStore(newStore());
        store.check("x", List.of(c("BTCUSDT", "0.01", "TRADING")), ContractPolicy.STRICT);
        ContractCheck y = store.check("y", List.of(c("XBTUSD", "0.5", "TRADING")), ContractPolicy.STRICT);
        assertThat(y.result()).isEqualTo(ContractCheck.Result.INITIALISED);
        assertThat(store.load("x")).extracting(Contract::symbol).containsExactly("BTCUSDT");
    }

    @Test
    void replaceWritesExactlyTheGivenContracts() {
        ContractStore store = new ContractStore(newStore());
        store.replace("x", List.of(c("BTCUSDT", "0.01", "TRADING"), c("ETHUSDT", "0.01", "TRADING")));
        store.replace("x", List.of(c("SOLUSDT", "0.001", "TRADING")));
        assertThat(store.load("x")).containsExactly(c("SOLUSDT", "0.001", "TRADING"));
    }

    /** {@code updated_at} is the store's clock, the same instant whatever the database's or the JVM's time zone. */
    @Test
    void updatedAtIsTheClocksInstantInUtc() throws Exception {
        String url = newStore();
        Instant at = Instant.parse("2026-03-01T23:34:56.789Z");
        new ContractStore(url, null, null, Clock.fixed(at, ZoneOffset.ofHours(9)))
                .check("x", List.of(c("BTCUSDT", "0.01", "TRADING")), ContractPolicy.STRICT);

        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT updated_at FROM contracts")) {
            assertThat(rs.next()).isTrue();
            OffsetDateTime stored = rs.getObject(1, OffsetDateTime.class);
            assertThat(stored.toInstant()).isEqualTo(at);
            assertThat(stored.getOffset()).isEqualTo(ZoneOffset.UTC);
        }
    }

    /**
     * Two stores (two processes, in effect) make the table of a new database at the same moment:
     * both succeed. Before, one failed with PostgreSQL's duplicate key in its catalogue
     * ({@code pg_type_typname_nsp_index}), or H2's error on a concurrent {@code ALTER TABLE}.
     */
    @Test
    void twoStoresPreparingANewDatabaseAtOnceBothSucceed() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 2; round++) {
                String url = newStore();
                ContractStore reader = new ContractStore(url);
                List<Contract> listed = listing("x", 0);
                List<ContractCheck.Result> results = race(threads, new ContractStore(url), new ContractStore(url), reader,
                        "x", List.of(), listed, ContractPolicy.STRICT);
                assertThat(results).as("round %d", round).contains(ContractCheck.Result.INITIALISED)
                        .allMatch(r -> r == ContractCheck.Result.INITIALISED || r == ContractCheck.Result.UNCHANGED);
                assertThat(reader.load("x")).isEqualTo(listed);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Two stores (two processes, in effect) check the same exchange at the same moment, many
     * times over: both must succeed (a unique key taken by the other, or a deadlock, is handled,
     * never left to luck), the store must hold exactly what they listed, one row a contract, and
     * a reader at the same time sees the old listing or the new one whole, never a mix.
     */
    @Test
    void twoStoresCheckingAtOnceBothSucceedAndLeaveOneWholeCopy() throws Exception {
        String url = newStore();
        ContractStore reader = new ContractStore(url);
        assertThat(reader.load("none")).isEmpty(); // the table made beforehand: this race is about the rows
        ContractStore a = new ContractStore(url);
        ContractStore b = new ContractStore(url);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String exchange = "ex" + round;
                List<Contract> first = listing(exchange, 0);
                List<ContractCheck.Result> initial = race(threads, a, b, reader, exchange, List.of(), first,
                        ContractPolicy.STRICT);
                assertThat(initial).as("round %d, first check", round).contains(ContractCheck.Result.INITIALISED)
                        .allMatch(r -> r == ContractCheck.Result.INITIALISED || r == ContractCheck.Result.UNCHANGED);
                assertThat(reader.load(exchange)).isEqualTo(first);

                List<Contract> next = listing(exchange, 1);
                List<ContractCheck.Result> synced = race(threads, a, b, reader, exchange, first, next, ContractPolicy.SYNC);
                assertThat(synced).as("round %d, sync", round).contains(ContractCheck.Result.SYNCED)
                        .allMatch(r -> r == ContractCheck.Result.SYNCED || r == ContractCheck.Result.UNCHANGED);
                assertThat(reader.load(exchange)).isEqualTo(next);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Both stores check {@code now} at once while a reader loads; returns their two results. */
    private static List<ContractCheck.Result> race(ExecutorService threads, ContractStore a, ContractStore b,
                                                   ContractStore reader, String exchange, List<Contract> before,
                                                   List<Contract> now, ContractPolicy policy) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        AtomicBoolean racing = new AtomicBoolean(true);
        Future<ContractCheck> fa = threads.submit(() -> {
            start.await();
            return a.check(exchange, now, policy);
        });
        Future<ContractCheck> fb = threads.submit(() -> {
            start.await();
            return b.check(exchange, now, policy);
        });
        Future<List<List<Contract>>> seen = threads.submit(() -> {
            List<List<Contract>> loads = new ArrayList<>();
            while (racing.get()) {
                loads.add(reader.load(exchange));
            }
            return loads;
        });
        try {
            List<ContractCheck.Result> results = List.of(fa.get(30, TimeUnit.SECONDS).result(),
                    fb.get(30, TimeUnit.SECONDS).result());
            racing.set(false);
            assertThat(seen.get(30, TimeUnit.SECONDS)).as("what a reader saw during the race")
                    .allSatisfy(load -> assertThat(load).isIn(before, now));
            return results;
        } finally {
            racing.set(false);
        }
    }

    /** Twenty contracts of an exchange; version 1 changes two ticks, drops one symbol and adds another. */
    private static List<Contract> listing(String exchange, int version) {
        List<Contract> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (version == 1 && i == 7) {
                continue;
            }
            String tick = version == 1 && i % 10 == 3 ? "0.0000000000000000001" : "0.01";
            out.add(c(exchange, String.format("S%02dUSDT", i), tick, "TRADING"));
        }
        if (version == 1) {
            out.add(c(exchange, "S99USDT", "0.5", "TRADING"));
        }
        return out;
    }
}
