package io.antrest.app.config;

import io.antrest.core.ProxyConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Settings that hold or are taken as secrets: their values never reach a {@link ConfigException}'s message. */
class SecretsInSettingsTest {
    @TempDir
    Path home;

    private ConfigException refused(Map<String, String> env, String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(home, env::get, k -> null).load(p, home.resolve("antrest.properties")));
    }

    @Test
    void aValueFromTheEnvironmentIsNamedNotQuotedHoweverShort() {
        for (String value : new String[] {"x9", "sessions-from-the-environment"}) {
            ConfigException e = refused(Map.of("N", value), "gateway.a.exchange", "binance",
                    "gateway.a.sessions", "${env:N}");
            assertThat(e.getMessage()).contains("gateway.a.sessions is the value of ${env:N}, not a whole number")
                    .doesNotContain(value);
        }
        ConfigException e = refused(Map.of("P", "sometimes"), "antrest.contracts.policy", "${env:P}");
        assertThat(e.getMessage()).contains("antrest.contracts.policy is the value of ${env:P}; write strict")
                .doesNotContain("sometimes");
    }

    @Test
    void theValuesOfTheEnvironmentAreMaskedInTheMessagesOfOtherSettings() {
        ConfigException e = refused(Map.of("KEY", "key-from-the-env-0001", "SECRET", "secret-from-the-env-0001"),
                "gateway.a.exchange", "binance",
                "gateway.a.api-key", "${env:KEY}",
                "gateway.a.secret", "${env:SECRET}",
                "gateway.a.contract-policy", "prefix-secret-from-the-env-0001");
        assertThat(e.getMessage()).contains("gateway.a.contract-policy").doesNotContain("secret-from-the-env-0001");
    }

    @Test
    void aProxyWithUserAndPasswordIsRefusedAndItsPasswordUnprinted() {
        for (String proxy : new String[] {"http://u:pw-in-the-proxy-0001@proxy.example:3128", "u:pw-in-the-proxy-0001@proxy.example:3128"}) {
            ConfigException e = refused(Map.of(), "gateway.a.exchange", "binance", "gateway.a.proxy", proxy);
            assertThat(e.getMessage()).contains("gateway.a.proxy", "host:port", "gateway.a.proxy-user", "gateway.a.proxy-password")
                    .doesNotContain("pw-in-the-proxy-0001");
        }
        ConfigException socks = refused(Map.of(), "gateway.a.exchange", "binance", "gateway.a.proxy", "socks5://proxy.example:1080");
        assertThat(socks.getMessage()).contains("HTTP proxies only");
    }

    @Test
    void aProxyWrittenAsAnHttpUrlIsReadAsHostAndPort() {
        Properties p = new Properties();
        p.setProperty("gateway.a.exchange", "binance");
        p.setProperty("gateway.a.proxy", "http://proxy.example:3128/");
        p.setProperty("gateway.a.proxy-user", "trader");
        p.setProperty("gateway.a.proxy-password", "${env:PROXY_PASSWORD}");
        AppConfig c = new ConfigLoader(home, Map.of("PROXY_PASSWORD", "proxy-password-0001")::get, k -> null).load(p, null);

        ProxyConfig proxy = c.gateways().get(0).settings().proxy().orElseThrow();
        assertThat(proxy).isEqualTo(new ProxyConfig("proxy.example", 3128, "trader", "proxy-password-0001"));
        assertThat(proxy.toString()).doesNotContain("proxy-password-0001");
    }

    @Test
    void aGatewayUrlWithUserAndPasswordIsRefusedWithThePasswordMasked() {
        ConfigException e = refused(Map.of(), "gateway.a.exchange", "binance",
                "gateway.a.url", "https://trader:url-password-0001@api.example.com");
        assertThat(e.getMessage()).contains("gateway.a.url", "https://trader:****@api.example.com", "user:password@")
                .doesNotContain("url-password-0001");
    }
}
