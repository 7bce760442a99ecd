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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the contract store does whatever its database: run on the embedded H2 by
 * {@link H2ContractStoreTest} and on a real PostgreSQL 15 by {@link PostgresContractStoreTest}.
 */
abstract class ContractStoreTest {
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
}
