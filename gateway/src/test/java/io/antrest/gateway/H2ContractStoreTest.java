package io.antrest.gateway;

import io.antrest.gateway.spi.Contract;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract store on the embedded H2 file database: every test of {@link ContractStoreTest},
 * and those that are about H2 itself (its file, its driver missing, its own DataSource) or about
 * no database at all (a bad URL), which run here only.
 */
class H2ContractStoreTest extends ContractStoreTest {
    private final AtomicInteger databases = new AtomicInteger();

    @TempDir
    Path dir;

    @Override
    String newStore() {
        return ContractStore.h2Url(dir.resolve("db" + databases.incrementAndGet()));
    }

    @Test
    void theEmbeddedDefaultIsAFileInTheGivenFolder() {
        ContractStore store = ContractStore.h2(dir);
        store.check("x", List.of(c("BTCUSDT", "0.01", "TRADING")), ContractPolicy.STRICT);

        assertThat(Files.exists(dir.resolve("antrest.mv.db"))).isTrue();
        assertThat(new ContractStore(ContractStore.h2Url(dir)).load("x")).containsExactly(c("BTCUSDT", "0.01", "TRADING"));
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
