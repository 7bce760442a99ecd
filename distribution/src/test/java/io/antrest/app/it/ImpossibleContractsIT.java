package io.antrest.app.it;

import io.antrest.app.roundtrip.BinanceListingServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, points 9 and 10, on the real distribution: {@code bin/antrest contracts binance --url …}
 * against a loopback exchange that lists tick sizes finer than 18 decimals, or impossible ones.
 */
class ImpossibleContractsIT extends InstalledCopy {
    private String db;

    @BeforeEach
    void database() {
        db = "jdbc:h2:file:" + dir.resolve("contracts");
    }

    @Test
    void aTickFinerThan18DecimalsIsStoredAsSentAndTheNextStrictRunMatches() throws Exception {
        try (BinanceListingServer exchange = BinanceListingServer.start()) {
            exchange.list(List.<String[]>of(new String[] {"BTCUSDT", "\"0.01000000\""},
                    new String[] {"PEPUSDT", "\"0.0000000000000000001\""}));

            Installation.Run first = antrest.run("contracts", "binance", "--url", exchange.url(), "--db", db, "--sync");
            assertThat(first.exit()).as(first.all()).isZero();
            assertThat(first.out()).contains("INITIALISED");

            // was: MISMATCH (exit 3) on every strict run, the store holding 0 for PEPUSDT's tick
            Installation.Run strict = antrest.run("contracts", "binance", "--url", exchange.url(), "--db", db);
            assertThat(strict.exit()).as(strict.all()).isZero();
            assertThat(strict.out()).contains("MATCH", "the store matches the exchange");
            assertThat(ticks()).containsExactly(new BigDecimal("0.01"), new BigDecimal("1E-19"));
        }
    }

    @Test
    void contractsWithImpossibleTickSizesAreRefusedByNameAndNeverStored() throws Exception {
        try (BinanceListingServer exchange = BinanceListingServer.start()) {
            exchange.list(List.<String[]>of(new String[] {"BTCUSDT", "\"0.01000000\""},
                    new String[] {"ETHUSDT", "\"-0.01\""}, new String[] {"SOLUSDT", "\"0\""},
                    new String[] {"XRPUSDT", "1e999999"}, new String[] {"ADAUSDT", "1e2147483647"}));

            Installation.Run sync = antrest.run("contracts", "binance", "--url", exchange.url(), "--db", db, "--sync");

            assertThat(sync.exit()).as(sync.all()).isZero();
            assertThat(sync.err()).contains("left out 4 of the 5 contracts binance listed, whose values are impossible",
                    "binance contract ETHUSDT: tickSize -0.01 must be greater than zero",
                    "binance contract SOLUSDT: tickSize 0 must be greater than zero",
                    "binance contract XRPUSDT: tickSize 1E+999999 is too large; a number must have at most 30 digits before"
                            + " the decimal point and 30 after it",
                    "binance contract ADAUSDT: tickSize 1E+2147483647 is too large")
                    .doesNotContain("BigInteger", "Exception");
            assertThat(sync.out()).containsPattern("listed +1");
            assertThat(ticks()).containsExactly(new BigDecimal("0.01"));

            Installation.Run strict = antrest.run("contracts", "binance", "--url", exchange.url(), "--db", db);
            assertThat(strict.exit()).as(strict.all()).isZero();
            assertThat(strict.out()).contains("MATCH");
        }
    }

    /** The tick sizes stored for binance, by symbol, exactly as the database holds them (trailing zeros dropped). */
    private List<BigDecimal> ticks() throws Exception {
        List<BigDecimal> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tick_size FROM contracts WHERE exchange = 'binance' ORDER BY symbol")) {
            while (rs.next()) {
                out.add(rs.getBigDecimal(1).stripTrailingZeros());
            }
        }
        return out;
    }
}
