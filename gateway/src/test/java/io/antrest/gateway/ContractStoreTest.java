package io.antrest.gateway;

import io.antrest.gateway.spi.Contract;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractStoreTest {
    @TempDir
    Path dir;

    private static Contract c(String symbol, String tick, String status) {
        return Contract.builder("x", symbol).baseAsset(symbol.substring(0, 3)).quoteAsset("USDT").tickSize(new BigDecimal(tick))
                .lotSize(new BigDecimal("0.001")).minQuantity(new BigDecimal("0.001")).maxQuantity(new BigDecimal("9000"))
                .maxPrice(new BigDecimal("1000000")).minNotional(new BigDecimal("10")).status(status, status.equals("TRADING"))
                .type("SPOT").build();
    }

    @Test
    void aFirstCheckInitialisesTheStoreInAFileDatabase() {
        ContractStore store = ContractStore.h2(dir);
        ContractCheck check = store.check("x", List.of(c("BTCUSDT", "0.01", "TRADING"), c("ETHUSDT", "0.01", "TRADING")),
                ContractPolicy.STRICT);

        assertThat(check.result()).isEqualTo(ContractCheck.Result.INITIALISED);
        assertThat(check.count()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("antrest.mv.db"))).isTrue();
        // a new store on the same file sees the rows, scale and all
        List<Contract> loaded = new ContractStore(ContractStore.h2Url(dir)).load("x");
        assertThat(loaded).containsExactly(c("BTCUSDT", "0.01", "TRADING"), c("ETHUSDT", "0.01", "TRADING"));
        assertThat(loaded.get(0).tickSize()).isEqualByComparingTo("0.01");
        assertThat(store.load("other")).isEmpty();
    }

    @Test
    void theSameContractsAreUnchanged() {
        ContractStore store = ContractStore.h2(dir);
        List<Contract> list = List.of(c("BTCUSDT", "0.01000000", "TRADING"));
        store.check("x", list, ContractPolicy.STRICT);
        ContractCheck again = store.check("x", List.of(c("BTCUSDT", "0.01", "TRADING")), ContractPolicy.STRICT);
        assertThat(again.result()).isEqualTo(ContractCheck.Result.UNCHANGED);
        assertThat(again.diff().isEmpty()).isTrue();
    }

    @Test
    void strictRefusesAnyDifferenceListingItAndLeavesTheStoreAlone() {
        ContractStore store = ContractStore.h2(dir);
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
        ContractStore store = ContractStore.h2(dir);
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
        ContractStore store = ContractStore.h2(dir);
        store.check("x", List.of(c("BTCUSDT", "0.01", "TRADING")), ContractPolicy.STRICT);
        ContractCheck y = store.check("y", List.of(c("XBTUSD", "0.5", "TRADING")), ContractPolicy.STRICT);
        assertThat(y.result()).isEqualTo(ContractCheck.Result.INITIALISED);
        assertThat(store.load("x")).extracting(Contract::symbol).containsExactly("BTCUSDT");
    }

    @Test
    void aBadUrlOrUnreachableDatabaseSaysSo() {
        assertThatThrownBy(() -> new ContractStore("postgres://db/antrest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JDBC URL");
        ContractStore nowhere = new ContractStore("jdbc:nosuchdb://x;password=hunter2");
        assertThatThrownBy(() -> nowhere.load("x")).isInstanceOf(ContractStoreException.class)
                .hasMessageContaining("could not read the contracts of x")
                .hasMessageNotContaining("hunter2")
                .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain("hunter2"));
        assertThat(nowhere.toString()).doesNotContain("hunter2");
    }

    @Test
    void aMissingDriverNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> new ContractStore("jdbc:nosuchdb://x").load("x"))
                .isInstanceOf(ContractStoreException.class)
                .hasMessageContaining("could not read the contracts of x in the contract store jdbc:nosuchdb://x")
                .hasMessageContaining("no JDBC driver on the class path or module path accepts this URL")
                .hasMessageContaining("Add the JDBC driver of that database to the application's dependencies")
                .hasMessageContaining("or give the store a DataSource");
        assertThatThrownBy(() -> new ContractStore("jdbc:postgresql://db/antrest?password=hunter2").load("x"))
                .hasMessageContaining("Add the PostgreSQL driver org.postgresql:postgresql")
                .hasMessageNotContaining("hunter2");
        // what an embedder without H2 meets: the embedded default's driver named by its coordinates
        withoutH2InDriverManager(() -> assertThatThrownBy(() -> ContractStore.h2(dir).load("x"))
                .isInstanceOf(ContractStoreException.class)
                .hasMessageContaining("Add the H2 driver com.h2database:h2"));
    }

    @Test
    void theRuntimeWorksOverTheCallersDataSourceWithoutDriverManager() {
        JdbcDataSource dataSource = new JdbcDataSource();
        String url = ContractStore.h2Url(dir);
        dataSource.setURL(url);
        dataSource.setUser("antrest");
        dataSource.setPassword("pool-secret-42");
        ContractStore store = new ContractStore(dataSource, Clock.systemUTC());
        List<Contract> before = List.of(c("BTCUSDT", "0.01", "TRADING"), c("ETHUSDT", "0.01", "TRADING"));

        withoutH2InDriverManager(() -> {
            assertThatThrownBy(() -> DriverManager.getDriver(url)).isInstanceOf(SQLException.class);
            assertThat(store.check("x", before, ContractPolicy.STRICT).result()).isEqualTo(ContractCheck.Result.INITIALISED);
            assertThat(store.check("x", before, ContractPolicy.STRICT).result()).isEqualTo(ContractCheck.Result.UNCHANGED);
            assertThatThrownBy(() -> store.check("x", List.of(c("BTCUSDT", "0.1", "TRADING")), ContractPolicy.STRICT))
                    .isInstanceOf(ContractMismatchException.class)
                    .hasMessageContaining("1 removed (ETHUSDT)")
                    .hasMessageContaining("BTCUSDT: tickSize 0.01 -> 0.1");
            assertThat(store.load("x")).isEqualTo(before);
        });
        assertThat(Files.exists(dir.resolve("antrest.mv.db"))).isTrue();
        assertThat(store.url()).isEqualTo("DataSource org.h2.jdbcx.JdbcDataSource");
        assertThat(store.toString()).isEqualTo("ContractStore{DataSource org.h2.jdbcx.JdbcDataSource}")
                .doesNotContain("pool-secret-42");
    }

    /** Runs {@code test} with H2's driver deregistered from DriverManager, as if H2 were not on the path. */
    private static void withoutH2InDriverManager(Runnable test) {
        org.h2.Driver.unload();
        try {
            test.run();
        } finally {
            org.h2.Driver.load();
        }
    }
}
