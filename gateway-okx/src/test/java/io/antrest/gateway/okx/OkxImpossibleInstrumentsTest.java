package io.antrest.gateway.okx;

import io.antrest.core.MalformedResponseException;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.ContractListing;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An instrument with impossible numbers is left out of OKX's contracts with its reason; the others are kept. */
class OkxImpossibleInstrumentsTest {
    private final Exchange okx = new OkxProvider().create(ExchangeSettings.builder().build());

    private static String instrument(String instId, String tickSz, String minSz) {
        return "{\"instType\":\"SPOT\",\"instId\":\"" + instId + "\",\"baseCcy\":\"BTC\",\"quoteCcy\":\"USDT\","
                + "\"settleCcy\":\"\",\"tickSz\":\"" + tickSz + "\",\"lotSz\":\"0.00000001\",\"minSz\":\"" + minSz
                + "\",\"maxLmtSz\":\"9999999999\",\"state\":\"live\"}";
    }

    private List<Contract> parse(String... instruments) {
        return okx.parseContracts(Responses.of(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":["
                + String.join(",", instruments) + "]}"));
    }

    @Test
    void impossibleNumbersAreLeftOutNamingInstrumentFieldAndValue() {
        List<Contract> contracts = parse(instrument("BTC-USDT", "0.1", "0.00001"), instrument("ETH-USDT", "0", "0.001"),
                instrument("SOL-USDT", "0.01", "-1"), instrument("PEPE-USDT", "0.0000000000000000001", "1"));

        assertThat(contracts).extracting(Contract::symbol).containsExactly("BTC-USDT", "PEPE-USDT");
        assertThat(contracts.get(1).tickSize()).isEqualByComparingTo("1E-19");
        assertThat(((ContractListing) contracts).refused()).extracting(Throwable::getMessage).containsExactly(
                "okx contract ETH-USDT: tickSize 0 must be greater than zero (a step of zero or less cannot be kept to)",
                "okx contract SOL-USDT: minQuantity -1 must be zero (no limit) or more");
    }

    @Test
    void aNumberOfMillionsOfDigitsIsRefusedWithoutParsingIt() {
        assertThatThrownBy(() -> parse(instrument("BTC-USDT", "1" + "0".repeat(2_000_000), "1")))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("okx GET /api/v5/public/instruments answer lacks numeric field tickSz");
    }
}
