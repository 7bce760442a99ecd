package io.antrest.gateway;

import io.antrest.gateway.spi.Contract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.antrest.gateway.ContractStoreTest.c;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract store on a real PostgreSQL 15, started for this class in a temporary folder
 * ({@link PostgresServer}; one cluster, a new schema per test): every test of
 * {@link ContractStoreTest} and {@link ContractStoreExactTest}, and what is PostgreSQL's own:
 * its data source, its errors, and several stores (processes, in effect) sharing one database.
 * Fails, never skips, where PostgreSQL's server binaries are missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresContractStoreTest {
    /** Races of two stores in {@code twoStoresCheckingAtOnceBothSucceedAndLeaveOneWholeCopy}. */
    private static final int ROUNDS = 8;

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

        /**
         * Two stores (two processes, in effect) make the table of a new database at the same moment:
         * both succeed. Before, one failed with PostgreSQL's duplicate key in its catalogue
         * ({@code pg_type_typname_nsp_index}). PostgreSQL only: processes share a database server,
         * while an embedded H2 file is opened by one process, and H2 does not reliably take a
         * table made by two sessions at once (one may see it vanish).
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
         * times over (PostgreSQL only, like the test above): both must succeed (a unique key taken by the other, or a deadlock, is handled,
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
