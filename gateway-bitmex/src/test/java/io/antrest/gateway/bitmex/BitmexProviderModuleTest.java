package io.antrest.gateway.bitmex;

import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.Spi;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class BitmexProviderModuleTest {

    @Test
    void providerIsFoundThroughServiceLoaderOnTheModulePath() {
        Module self = getClass().getModule();
        assertThat(self.getName()).isEqualTo("io.antrest.gateway.bitmex");
        self.addUses(ExchangeProvider.class);

        assertThat(ServiceLoader.load(ExchangeProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(BitmexProvider.class);
    }

    @Test
    void providerIsAlsoRegisteredForTheClassPath() throws IOException {
        try (InputStream in = BitmexProvider.class.getResourceAsStream(
                "/META-INF/services/io.antrest.gateway.spi.ExchangeProvider")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo(BitmexProvider.class.getName());
        }
    }

    @Test
    void providerDescribesItself() {
        BitmexProvider p = new BitmexProvider();
        assertThat(p.name()).isEqualTo("bitmex");
        assertThat(p.spiVersion()).isEqualTo(Spi.VERSION);
        assertThat(p.create(ExchangeSettings.builder().build()).baseUrl()).isEqualTo("https://www.bitmex.com/api/v1");
        assertThat(p.create(ExchangeSettings.builder().testnet().build()).baseUrl()).isEqualTo("https://testnet.bitmex.com/api/v1");
        assertThat(p.create(ExchangeSettings.builder().url("http://127.0.0.1:8080/api/v1/").build()).baseUrl())
                .isEqualTo("http://127.0.0.1:8080/api/v1");
    }
}
