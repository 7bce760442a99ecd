package io.antrest.gateway.okx;

import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.KeyType;
import io.antrest.gateway.spi.Spi;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OkxProviderModuleTest {

    @Test
    void providerIsFoundThroughServiceLoaderOnTheModulePath() {
        Module self = getClass().getModule();
        assertThat(self.getName()).isEqualTo("io.antrest.gateway.okx");
        self.addUses(ExchangeProvider.class);

        assertThat(ServiceLoader.load(ExchangeProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(OkxProvider.class);
        assertThat(ServiceLoader.load(ExchangeProvider.class).stream().map(p -> p.get().name())).contains("okx");
    }

    @Test
    void providerIsAlsoRegisteredForTheClassPath() throws IOException {
        try (InputStream in = OkxProvider.class.getResourceAsStream(
                "/META-INF/services/io.antrest.gateway.spi.ExchangeProvider")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo(OkxProvider.class.getName());
        }
    }

    @Test
    void providerDescribesItself() {
        OkxProvider p = new OkxProvider();
        assertThat(p.name()).isEqualTo("okx");
        assertThat(p.spiVersion()).isEqualTo(Spi.VERSION);
        assertThat(p.create(ExchangeSettings.builder().build()).baseUrl()).isEqualTo("https://www.okx.com");
        assertThat(p.create(ExchangeSettings.builder().testnet().build()).baseUrl()).isEqualTo("https://www.okx.com");
        assertThat(p.create(ExchangeSettings.builder().build()).testnetUrl()).isEqualTo("https://www.okx.com");
        assertThat(p.create(ExchangeSettings.builder().url("http://127.0.0.1:8080/").build()).baseUrl())
                .isEqualTo("http://127.0.0.1:8080");
        assertThat(p.create(ExchangeSettings.builder().build()).name()).isEqualTo("okx");
    }

    @Test
    void credentialsWithoutPassphraseAreRefusedNamingTheSetting() {
        ExchangeSettings settings = ExchangeSettings.builder().credentials(Credentials.hmac("key", "secret")).build();

        assertThatThrownBy(() -> new OkxProvider().create(settings))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("gateway.NAME.passphrase")
                .hasMessageContaining("'okx'");
    }

    @Test
    void onlyHmacKeysAreAccepted() {
        ExchangeSettings settings = ExchangeSettings.builder()
                .credentials(new Credentials("key", "-----BEGIN PRIVATE KEY-----", KeyType.ED25519).withPassphrase("p"))
                .build();

        assertThatThrownBy(() -> new OkxProvider().create(settings))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("HMAC").hasMessageContaining("gateway.NAME.key-type");
    }

    @Test
    void unknownOrBadOptionsAreRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> new OkxProvider().create(ExchangeSettings.builder().option("recv_window", "5000").build()))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("'recv_window'").hasMessageContaining("[limit_scale, order_exp_time_ms, simulated]");
        assertThatThrownBy(() -> new OkxProvider().create(ExchangeSettings.builder().option("simulated", "yes").build()))
                .isInstanceOf(GatewaySettingsException.class).hasMessageContaining("true or false");
        assertThatThrownBy(() -> new OkxProvider().create(ExchangeSettings.builder().testnet().option("simulated", "false")
                .build())).isInstanceOf(GatewaySettingsException.class).hasMessageContaining("testnet");
    }
}
