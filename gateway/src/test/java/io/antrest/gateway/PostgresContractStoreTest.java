package io.antrest.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static io.antrest.gateway.ContractStoreTest.c;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract store on a real PostgreSQL 15, started for this class in a temporary folder
 * ({@link PostgresServer}; one cluster, a new schema per test): every test of
 * {@link ContractStoreTest} and {@link ContractStoreExactTest}, and what is PostgreSQL's own.
 * Fails, never skips, where PostgreSQL's server binaries are missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresContractStoreTest {
    private PostgresServer postgres;

    @BeforeAll
    void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Everything the store does on H2, on PostgreSQL. */
    @Nested
    class Behaviour extends ContractStoreTest {
        @Override
        String newStore() {
            return postgres.newStore();
        }
    }

    /** Every number kept exactly, and an older table widened, on PostgreSQL. */
    @Nested
    class Exactness extends ContractStoreExactTest {
        @Override
        String newStore() {
            return postgres.newStore();
        }
    }

    @Test
    void theStoreWorksOverPostgresqlsOwnDataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.newStore());
        dataSource.setPassword("pool-secret-42");
        ContractStore store = new ContractStore(dataSource, Clock.systemUTC());

        assertThat(store.check("x", List.of(c("BTCUSDT", "0.01", "TRADING")), ContractPolicy.SYNC).result())
                .isEqualTo(ContractCheck.Result.INITIALISED);
        assertThat(store.load("x")).containsExactly(c("BTCUSDT", "0.01", "TRADING"));
        assertThat(store.toString()).isEqualTo("ContractStore{DataSource org.postgresql.ds.PGSimpleDataSource}");
    }

    /** The tests are part of mvn verify: a machine without PostgreSQL fails them, saying what to install. */
    @Test
    void withoutTheServerBinariesTheTestsFailSayingWhatToInstall(@TempDir Path empty) {
        assertThatThrownBy(() -> PostgresServer.start(empty)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("PostgreSQL 15's server binaries are needed by the contract-store tests, but "
                        + empty.resolve("initdb") + " is not an executable")
                .hasMessageContaining("apt-get install postgresql-15")
                .hasMessageContaining("ANTREST_PG_BIN");
    }

    @Test
    void aPostgresqlThatIsNotThereSaysWhereAndKeepsThePasswordOut() {
        ContractStore nowhere = new ContractStore("jdbc:postgresql://127.0.0.1:1/antrest?user=antrest&password=hunter2"
                + "&connectTimeout=5");
        assertThatThrownBy(() -> nowhere.load("binance")).isInstanceOf(ContractStoreException.class)
                .hasMessageContaining("could not read the contracts of binance in the contract store"
                        + " jdbc:postgresql://127.0.0.1:1/antrest?user=antrest&password=****")
                .hasMessageContaining("Connection to 127.0.0.1:1 refused")
                .hasMessageNotContaining("hunter2");
    }
}
