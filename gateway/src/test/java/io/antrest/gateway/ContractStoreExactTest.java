package io.antrest.gateway;

import io.antrest.gateway.spi.Contract;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store keeps what the exchange sent, digit for digit, in a new table and in one an older
 * antrest made: run on the embedded H2 by {@link H2ContractStoreExactTest} and on a real
 * PostgreSQL 15 by {@link PostgresContractStoreTest}.
 */
abstract class ContractStoreExactTest {
    /** The table as the first antrest made it: DECIMAL(38,18), which rounded 1E-19 to 0. */
    private static final String OLD_CREATE = "CREATE TABLE IF NOT EXISTS contracts ("
            + "exchange VARCHAR(64) NOT NULL, symbol VARCHAR(128) NOT NULL, base_asset VARCHAR(64) NOT NULL, "
            + "quote_asset VARCHAR(64) NOT NULL, tick_size DECIMAL(38,18) NOT NULL, lot_size DECIMAL(38,18) NOT NULL, "
            + "min_notional DECIMAL(38,18) NOT NULL, status VARCHAR(64) NOT NULL, trading BOOLEAN NOT NULL, "
            + "type VARCHAR(64) NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (exchange, symbol))";
    private static final List<String> OLD_ADDED = List.of("settlement_currency VARCHAR(64) DEFAULT '' NOT NULL",
            "min_quantity DECIMAL(38,18) DEFAULT 0 NOT NULL", "max_quantity DECIMAL(38,18) DEFAULT 0 NOT NULL",
            "max_price DECIMAL(38,18) DEFAULT 0 NOT NULL");
    private static final BigDecimal FINE = new BigDecimal("0.0000000000000000001");

    /** The JDBC URL of a new, empty store (no table yet): a database, or a schema of its own. */
    abstract String newStore();

    private static Contract c(String symbol, BigDecimal tick) {
        return Contract.builder("x", symbol).baseAsset(symbol.substring(0, 3)).quoteAsset("USDT").tickSize(tick)
                .lotSize(new BigDecimal("0.001")).minQuantity(new BigDecimal("0.001")).maxQuantity(new BigDecimal("9000"))
                .maxPrice(new BigDecimal("1000000")).minNotional(new BigDecimal("10")).status("TRADING", true)
                .type("SPOT").build();
    }

    @Test
    void aTickFinerThan18DecimalsIsStoredExactlyAndAStrictCheckAfterASyncMatches() {
        String url = newStore();
        ContractStore store = new ContractStore(url);
        store.check("x", List.of(c("PEPUSDT", new BigDecimal("0.01"))), ContractPolicy.STRICT);

        ContractCheck synced = store.check("x", List.of(c("PEPUSDT", FINE)), ContractPolicy.SYNC);
        assertThat(synced.result()).isEqualTo(ContractCheck.Result.SYNCED);
        assertThat(synced.diff().toString()).contains("PEPUSDT: tickSize 0.01 -> 0.0000000000000000001");

        Contract back = new ContractStore(url).load("x").get(0);
        assertThat(back.tickSize()).isEqualTo(new BigDecimal("1E-19")).isEqualByComparingTo(FINE);
        // was: MISMATCH for ever (the store held 0), while the sync had said all was well
        assertThat(store.check("x", List.of(c("PEPUSDT", FINE)), ContractPolicy.STRICT).result())
                .isEqualTo(ContractCheck.Result.UNCHANGED);
    }

    @Test
    void theExtremesAContractAcceptsAllReadBackAsThemselves() {
        ContractStore store = new ContractStore(newStore());
        BigDecimal largest = new BigDecimal("999999999999999999999999999999.999999999999999999999999999999");
        Contract extreme = c("BIGUSDT", new BigDecimal("1E-30")).toBuilder().maxQuantity(largest)
                .maxPrice(new BigDecimal("123456789012345678901234567890")).minNotional(new BigDecimal("1E-30")).build();
        store.check("x", List.of(extreme), ContractPolicy.STRICT);

        assertThat(store.load("x")).containsExactly(extreme);
        assertThat(store.check("x", List.of(extreme), ContractPolicy.STRICT).result())
                .isEqualTo(ContractCheck.Result.UNCHANGED);
    }

    @Test
    void aTableMadeByAnOlderAntrestIsWidenedKeepingItsRowsAndANonsenseRowReadsAsAbsent() throws Exception {
        String url = newStore();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(OLD_CREATE);
            for (String column : OLD_ADDED) {
                s.execute("ALTER TABLE contracts ADD COLUMN IF NOT EXISTS " + column);
            }
            s.execute("INSERT INTO contracts VALUES ('x', 'BTCUSDT', 'BTC', 'USDT', 0.01, 0.001, 10, 'TRADING', TRUE, "
                    + "'SPOT', CURRENT_TIMESTAMP, 'USDT', 0.001, 9000, 1000000)");
            // what the old columns made of a 1E-19 tick: zero, which no exchange can mean
            s.execute("INSERT INTO contracts VALUES ('x', 'PEPUSDT', 'PEP', 'USDT', 0, 0.001, 10, 'TRADING', TRUE, "
                    + "'SPOT', CURRENT_TIMESTAMP, 'USDT', 0.001, 9000, 1000000)");
        }
        ContractStore store = new ContractStore(url);

        assertThat(store.load("x")).containsExactly(c("BTCUSDT", new BigDecimal("0.01")));
        List<Contract> listed = List.of(c("BTCUSDT", new BigDecimal("0.01")), c("PEPUSDT", FINE));
        assertThatThrownBy(() -> store.check("x", listed, ContractPolicy.STRICT))
                .isInstanceOf(ContractMismatchException.class).hasMessageContaining("1 added (PEPUSDT)");
        assertThat(store.check("x", listed, ContractPolicy.SYNC).result()).isEqualTo(ContractCheck.Result.SYNCED);
        assertThat(store.check("x", listed, ContractPolicy.STRICT).result()).isEqualTo(ContractCheck.Result.UNCHANGED);
        assertThat(new ContractStore(url).load("x")).containsExactlyElementsOf(listed);

        try (Connection c = DriverManager.getConnection(url)) {
            DatabaseMetaData meta = c.getMetaData();
            // H2 keeps unquoted names in upper case, PostgreSQL in lower case
            UnaryOperator<String> name = meta.storesUpperCaseIdentifiers() ? n -> n.toUpperCase(Locale.ROOT) : n -> n;
            for (String column : List.of("tick_size", "lot_size", "min_quantity", "max_quantity", "max_price", "min_notional")) {
                try (ResultSet rs = meta.getColumns(null, c.getSchema(), name.apply("contracts"), name.apply(column))) {
                    assertThat(rs.next()).as(column).isTrue();
                    assertThat(rs.getInt("COLUMN_SIZE")).as(column + " precision").isEqualTo(60);
                    assertThat(rs.getInt("DECIMAL_DIGITS")).as(column + " scale").isEqualTo(30);
                    assertThat(rs.getInt("NULLABLE")).as(column + " stays NOT NULL").isEqualTo(DatabaseMetaData.columnNoNulls);
                }
            }
        }
    }
}
