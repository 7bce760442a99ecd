package io.antrest.gateway.spi;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every plugin's error reading passes through: the exchange's text made printable once, for all. */
class ExchangeTextTest {
    @Test
    void anExchangeErrorKeepsItsCodeAndMessagePrintable() {
        ExchangeError e = new ExchangeError(ErrorKind.ORDER_REJECTED, 400, "-2010\n",
                "\u001b[2J\nINFO fake log line: order 123 FILLED\r\n", Optional.empty());

        assertThat(e.code()).isEqualTo("-2010\\u000a");
        assertThat(e.message()).isEqualTo("\\u001b[2J\\u000aINFO fake log line: order 123 FILLED\\u000d\\u000a");
        assertThat(e.toException("binance", "POST /api/v3/order").getMessage())
                .doesNotContain("\u001b").doesNotContain("\n").doesNotContain("\r");
        assertThat(new ExchangeError(ErrorKind.UNKNOWN, 500, "", "x".repeat(5000), Optional.empty()).message())
                .hasSize(ExchangeError.MAX_MESSAGE + 1).endsWith("…");
    }

    @Test
    void aBaseUrlWithUserAndPasswordIsRefusedWithThePasswordMasked() {
        assertThatThrownBy(() -> ExchangeSettings.builder().url("https://trader:url-pw-0001@api.example.com"))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("https://trader:****@api.example.com")
                .hasMessageNotContaining("url-pw-0001");
    }
}
