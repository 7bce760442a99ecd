package io.antrest.app.it;

import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, point 3, on the real distribution: the contract store on a real PostgreSQL 15
 * ({@link PostgresServer}, its password asked as a real server would), reached through the
 * distribution's connection pool with {@code antrest.contracts.user} and a password from the
 * environment; two {@code bin/antrest run} processes started at the same moment on the same
 * store, under the sync policy, both come up and leave one whole, exact copy of what the
 * simulator lists, first in a database without even the table, then in a store changed behind
 * their backs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoreIT extends InstalledCopy {
    private static final String EXCHANGES = "binance, bitmex and okx";
    private static final Pattern BINANCE_SYMBOL = Pattern.compile("\"symbol\":\"([A-Z0-9]+)\".*?\"filterType\":\"PRICE_FILTER\""
            + ".*?\"tickSize\":\"([0-9.]+)\".*?\"filterType\":\"LOT_SIZE\".*?\"stepSize\":\"([0-9.]+)\"");

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

    @Test
    void twoProcessesSyncingTheSameStoreAtOnceBothComeUpAndLeaveItWholeAndExact() throws Exception {
        String db = postgres.createDatabase();
        Installation second = Installation.copyInto(dir.resolve("second"));
        try (SimExchange sim = SimExchange.builder().port(0).build().start()) {
            Path conf = settings(storeSettings(db, sim));

            // 1. a database without even the table: both make it and initialise the same contracts at once
            List<String> printed = runTogether(List.of(antrest, second), conf);
            assertBothCameUp(printed);
            assertThat(antrest.logs() + second.logs()).contains("binance contracts initialised in the store",
                    "bitmex contracts initialised in the store", "okx contracts initialised in the store");
            assertStoreIsWholeAndExact(sim, database(db));
            Map<String, Integer> first = rowsByExchange(db);

            // 2. the store changed behind antrest's back: both sync it at once
            try (Connection c = postgres.connect(database(db)); Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE contracts SET tick_size = 0.5 WHERE exchange = 'binance'"
                        + " AND symbol = 'BTCUSDT'")).isEqualTo(1);
                assertThat(s.executeUpdate("DELETE FROM contracts WHERE exchange = 'bitmex' AND symbol = 'XBTUSD'")).isEqualTo(1);
                assertThat(s.executeUpdate("INSERT INTO contracts SELECT exchange, 'FAKE-USDT', base_asset, quote_asset,"
                        + " tick_size, lot_size, min_notional, status, trading, type, updated_at, settlement_currency,"
                        + " min_quantity, max_quantity, max_price FROM contracts WHERE exchange = 'okx' AND symbol = 'BTC-USDT'"))
                        .isEqualTo(1);
            }
            int logged = antrest.logs().length();
            int loggedBySecond = second.logs().length();
            printed = runTogether(List.of(antrest, second), conf);
            assertBothCameUp(printed);
            assertThat(antrest.logs().substring(logged) + second.logs().substring(loggedBySecond)).contains("binance contracts synced",
                    "bitmex contracts synced", "okx contracts synced");
            assertStoreIsWholeAndExact(sim, database(db));

            assertThat(rowsByExchange(db)).as("the same rows as the first time").isEqualTo(first);
            try (Connection c = postgres.connect(database(db)); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM contracts WHERE (exchange = 'bitmex' AND symbol = 'XBTUSD')"
                         + " OR (exchange = 'okx' AND symbol = 'FAKE-USDT')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("XBTUSD back, FAKE-USDT gone").isEqualTo(1);
            }
        }
    }

    @Test
    void aWrongPasswordKeepsTheGatewaysDownSayingWhyAndNeverPrintsIt() throws Exception {
        String db = postgres.createDatabase();
        try (SimExchange sim = SimExchange.builder().port(0).build().start()) {
            Path conf = settings("antrest.contracts.jdbc-url=" + db, "antrest.contracts.user=" + PostgresServer.USER,
                    "antrest.contracts.password=${env:ANTREST_DB_PASSWORD}", "antrest.contracts.connect-timeout=1s",
                    "gateway.binance.exchange=binance", "gateway.binance.url=" + sim.binanceUrl());
            Process run = antrest.start(Map.of("ANTREST_DB_PASSWORD", "not-the-Password-42"), "run", "--config",
                    conf.toString());
            String printed;
            try {
                printed = Installation.readUntil(run, "running; Ctrl-C stops", 60);
            } finally {
                stop(run);
            }
            assertThat(printed).contains("gateway 'binance' (binance) did not come up: could not check the contracts of"
                    + " binance in the contract store " + db, "password authentication failed for user \"antrest\"")
                    .doesNotContain("not-the-Password-42");
            assertThat(antrest.logs()).doesNotContain("not-the-Password-42");
        }
    }

    /** The settings both processes read: the store on PostgreSQL, the sync policy, three gateways on the simulator. */
    private static String[] storeSettings(String db, SimExchange sim) {
        return new String[] {
            "antrest.contracts.jdbc-url=" + db,
            "antrest.contracts.user=" + PostgresServer.USER,
            "antrest.contracts.password=${env:ANTREST_DB_PASSWORD}",
            "antrest.contracts.pool-size=2",
            "antrest.contracts.policy=sync",
            "gateway.binance.exchange=binance",
            "gateway.binance.url=" + sim.binanceUrl(),
            "gateway.bitmex.exchange=bitmex",
            "gateway.bitmex.url=" + sim.bitmexUrl(),
            "gateway.okx.exchange=okx",
            "gateway.okx.url=" + sim.okxUrl()};
    }

    /** Starts {@code run} in each installation at the same moment, waits until all are running, stops them. */
    private static List<String> runTogether(List<Installation> installations, Path conf) throws Exception {
        List<Process> processes = new ArrayList<>();
        List<String> printed = new ArrayList<>();
        try {
            for (Installation i : installations) {
                processes.add(i.start(Map.of("ANTREST_DB_PASSWORD", PostgresServer.PASSWORD), "run", "--config",
                        conf.toString()));
            }
            for (Process p : processes) {
                printed.add(Installation.readUntil(p, "running; Ctrl-C stops", 60));
            }
        } finally {
            for (Process p : processes) {
                stop(p);
            }
        }
        return printed;
    }

    /** Ctrl-C, then what the process printed until it ended. */
    private static void stop(Process p) throws Exception {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("antrest run stops on Ctrl-C").isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    private static void assertBothCameUp(List<String> printed) {
        assertThat(printed).hasSize(2).allSatisfy(out -> assertThat(out)
                .as("each process connects " + EXCHANGES + " on the first try")
                .contains("gateway 'binance' (binance) is UP", "gateway 'bitmex' (bitmex) is UP", "gateway 'okx' (okx) is UP")
                .doesNotContain("did not come up").doesNotContain(PostgresServer.PASSWORD));
    }

    /**
     * One row a contract, every column filled, and Binance's rows exactly what the simulator's
     * {@code exchangeInfo} lists: the same symbols, tick and step sizes.
     */
    private void assertStoreIsWholeAndExact(SimExchange sim, String database) throws Exception {
        Map<String, BigDecimal[]> listed = binanceListing(sim);
        Map<String, BigDecimal[]> stored = new TreeMap<>();
        try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT exchange, COUNT(*), COUNT(DISTINCT symbol) FROM contracts"
                    + " GROUP BY exchange ORDER BY exchange")) {
                List<String> exchanges = new ArrayList<>();
                while (rs.next()) {
                    exchanges.add(rs.getString(1));
                    assertThat(rs.getInt(2)).as("rows of " + rs.getString(1)).isEqualTo(rs.getInt(3)).isPositive();
                }
                assertThat(exchanges).containsExactly("binance", "bitmex", "okx");
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM contracts WHERE tick_size <= 0 OR lot_size <= 0"
                    + " OR base_asset = '' OR quote_asset = '' OR status = '' OR updated_at IS NULL")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("half-written rows").isZero();
            }
            try (ResultSet rs = s.executeQuery("SELECT symbol, tick_size, lot_size FROM contracts WHERE exchange = 'binance'")) {
                while (rs.next()) {
                    stored.put(rs.getString(1), new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3)});
                }
            }
        }
        assertThat(stored.keySet()).containsExactlyElementsOf(listed.keySet());
        for (Map.Entry<String, BigDecimal[]> e : listed.entrySet()) {
            BigDecimal[] row = stored.get(e.getKey());
            assertThat(row[0]).as(e.getKey() + " tick size").isEqualByComparingTo(e.getValue()[0]);
            assertThat(row[1]).as(e.getKey() + " step size").isEqualByComparingTo(e.getValue()[1]);
        }
    }

    /** Symbol to {tick size, step size}, as the simulator's Binance dialect lists them. */
    private static Map<String, BigDecimal[]> binanceListing(SimExchange sim) throws Exception {
        String body;
        try (InputStream in = URI.create(sim.binanceUrl() + "/api/v3/exchangeInfo").toURL().openStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, BigDecimal[]> out = new TreeMap<>();
        for (String chunk : body.split("(?=\\{\"symbol\":)")) {
            Matcher m = BINANCE_SYMBOL.matcher(chunk);
            if (m.find()) {
                out.put(m.group(1), new BigDecimal[] {new BigDecimal(m.group(2)), new BigDecimal(m.group(3))});
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    /** How many contracts each exchange has in the store. */
    private Map<String, Integer> rowsByExchange(String db) throws Exception {
        Map<String, Integer> rows = new TreeMap<>();
        try (Connection c = postgres.connect(database(db)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT exchange, COUNT(*) FROM contracts GROUP BY exchange")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getInt(2));
            }
        }
        return rows;
    }

    /** The database name at the end of a JDBC URL. */
    private static String database(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
