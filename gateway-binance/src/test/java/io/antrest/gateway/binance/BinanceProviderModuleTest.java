package io.antrest.gateway.binance;

import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.Spi;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class BinanceProviderModuleTest {

    @Test
    void providerIsFoundThroughServiceLoaderOnTheModulePath() {
        Module self = getClass().getModule();
        assertThat(self.getName()).isEqualTo("io.antrest.gateway.binance");
        self.addUses(ExchangeProvider.class);

        assertThat(ServiceLoader.load(ExchangeProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(BinanceProvider.class);
    }

    @Test
    void providerIsAlsoRegisteredForTheClassPath() throws IOException {
        try (InputStream in = BinanceProvider.class.getResourceAsStream(
                "/META-INF/services/io.antrest.gateway.spi.ExchangeProvider")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo(BinanceProvider.class.getName());
        }
    }

    @Test
    void providerDescribesItself() {
        BinanceProvider p = new BinanceProvider();
        assertThat(p.name()).isEqualTo("binance");
        assertThat(p.spiVersion()).isEqualTo(Spi.VERSION);
        assertThat(p.create(ExchangeSettings.builder().build()).baseUrl()).isEqualTo("https://api.binance.com");
        assertThat(p.create(ExchangeSettings.builder().testnet().build()).baseUrl()).isEqualTo("https://testnet.binance.vision");
        assertThat(p.create(ExchangeSettings.builder().url("http://127.0.0.1:8080/").build()).baseUrl())
                .isEqualTo("http://127.0.0.1:8080");
    }
}
