package io.antrest.app.roundtrip;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.antrest.core.RestClientConfig;
import io.antrest.gateway.ContractPolicy;
import io.antrest.gateway.ContractStore;
import io.antrest.gateway.Gateway;
import io.antrest.gateway.GatewayManager;
import io.antrest.gateway.GatewaySettings;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.monitor.MonitorConfig;
import io.antrest.monitor.MonitorEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12, points 9 and 10, through the whole runtime: the real Binance plugin, {@link GatewayManager}
 * and an H2 contract store, against a loopback exchange that lists impossible tick sizes
 * ({@link BinanceListingServer}).
 */
class ImpossibleContractsRoundTripTest {
    private static final String[] BTC = {"BTCUSDT", "\"0.01000000\""};

    @TempDir
    Path dir;

    private BinanceListingServer exchange;
    private MonitorEngine monitor;
    private GatewayManager manager;
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    private final Logger gatewayLog = (Logger) LoggerFactory.getLogger(Gateway.class);

    @BeforeEach
    void start() throws Exception {
        exchange = BinanceListingServer.start();
        monitor = new MonitorEngine(MonitorConfig.builder().heartBeatInterval(Duration.ofHours(1)).build(), Clock.systemUTC());
        manager = new GatewayManager(ProviderRegistry.discover(), ContractStore.h2(dir), monitor, RestClientConfig.defaults());
        warnings.start();
        gatewayLog.addAppender(warnings);
    }

    @AfterEach
    void stop() throws Exception {
        gatewayLog.detachAppender(warnings);
        manager.close();
        monitor.close();
        exchange.close();
    }

    private Gateway connect(ContractPolicy policy) {
        return manager.connect("binance", GatewaySettings.builder().sessions(1).contractPolicy(policy)
                .exchange(ExchangeSettings.builder().url(exchange.url()).build()).build());
    }

    private String warned() {
        return String.join("\n", warnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @ParameterizedTest(name = "tickSize {0}")
    @CsvSource(delimiter = '|', value = {
            "\"-0.01\"        | tickSize -0.01 must be greater than zero",
            "\"0\"            | tickSize 0 must be greater than zero",
            "0.00000000       | tickSize 0 must be greater than zero",
            // was blamed on the database (a value too long for DECIMAL(38,18))
            "1e999999         | tickSize 1E+999999 is too large; a number must have at most 30 digits before the decimal point",
            // was "BigInteger would overflow supported range"
            "1e2147483647     | tickSize 1E+2147483647 is too large; a number must have at most 30 digits",
            "\"1e2147483647\" | tickSize 1E+2147483647 is too large",
            "\"1E-2147483647\"| tickSize 1E-2147483647 is too fine; a number must have at most 30 digits"})
    void anImpossibleTickSizeIsLeftOutNamedAndNeverStored(String tick, String reason) {
        exchange.list(List.<String[]>of(BTC, new String[] {"ETHUSDT", tick}));

        Gateway g = connect(ContractPolicy.STRICT);

        assertThat(g.isUp()).as("one impossible instrument does not keep the gateway down").isTrue();
        assertThat(manager.store().load("binance")).extracting(Contract::symbol).containsExactly("BTCUSDT");
        assertThat(warned()).contains("gateway 'binance': left out 1 of the 2 contracts binance listed, whose values are"
                + " impossible (the others are used): binance contract ETHUSDT: " + reason);
    }

    @Test
    void anAnswerWhoseEveryContractIsImpossibleIsRefusedAndTheStoreKeptAsItWas() {
        exchange.list(List.<String[]>of(BTC));
        connect(ContractPolicy.STRICT).close();
        exchange.list(List.<String[]>of(new String[] {"BTCUSDT", "\"-0.01\""}));

        assertThatThrownBy(() -> connect(ContractPolicy.SYNC))
                .hasMessageContaining("every one of the 1 contracts binance listed has impossible values, so none is used"
                        + " and the contract store is left as it was: binance contract BTCUSDT: tickSize -0.01 must be"
                        + " greater than zero");
        assertThat(manager.store().load("binance")).singleElement()
                .satisfies(c -> assertThat(c.tickSize()).isEqualTo(new BigDecimal("0.01")));
    }

    @Test
    void aTickFinerThan18DecimalsIsStoredAsSentAndTheNextStrictConnectComesUp() {
        exchange.list(List.<String[]>of(BTC, new String[] {"PEPUSDT", "\"0.0000000000000000001\""}));
        connect(ContractPolicy.SYNC).close();

        // was: the store held 0, so every strict connect after failed with a mismatch
        Gateway again = connect(ContractPolicy.STRICT);

        assertThat(again.isUp()).isTrue();
        assertThat(manager.store().load("binance")).filteredOn(c -> c.symbol().equals("PEPUSDT")).singleElement()
                .satisfies(c -> assertThat(c.tickSize()).isEqualTo(new BigDecimal("1E-19")));
        assertThat(warned()).isEmpty();
    }
}
