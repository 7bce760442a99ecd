package io.antrest.gateway.bitmex;

import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.ContractListing;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An instrument with impossible numbers is left out of BitMEX's contracts with its reason; the others are kept. */
class BitmexImpossibleInstrumentsTest {
    private final Exchange bitmex = new BitmexProvider().create(ExchangeSettings.builder().build());

    private static String instrument(String symbol, String tick, String lot) {
        return "{\"symbol\":\"" + symbol + "\",\"underlying\":\"XBT\",\"quoteCurrency\":\"USD\",\"settlCurrency\":\"XBt\","
                + "\"tickSize\":" + tick + ",\"lotSize\":" + lot + ",\"maxOrderQty\":10000000,\"maxPrice\":1000000,"
                + "\"state\":\"Open\",\"typ\":\"FFWCSX\"}";
    }

    @Test
    void impossibleTickAndLotSizesAreLeftOutNamingSymbolFieldAndValue() {
        String body = "[" + String.join(",", instrument("XBTUSD", "0.5", "100"), instrument("NEGUSD", "-0.5", "100"),
                instrument("HUGEUSD", "1e2147483647", "100"), instrument("ZEROLOT", "0.5", "0"),
                instrument("TEXTUSD", "\"1e999999\"", "100")) + "]";

        List<Contract> contracts = bitmex.parseContracts(Responses.of(200, body));

        assertThat(contracts).extracting(Contract::symbol).containsExactly("XBTUSD");
        assertThat(contracts).isInstanceOf(ContractListing.class);
        assertThat(((ContractListing) contracts).refused()).extracting(Throwable::getMessage).containsExactly(
                "bitmex contract NEGUSD: tickSize -0.5 must be greater than zero (a step of zero or less cannot be kept to)",
                "bitmex contract HUGEUSD: tickSize 1E+2147483647 is too large; a number must have at most 30 digits before"
                        + " the decimal point and 30 after it (from 1E-30 to below 1E+30)",
                "bitmex contract ZEROLOT: lotSize 0 must be greater than zero (a step of zero or less cannot be kept to)",
                "bitmex contract TEXTUSD: tickSize 1E+999999 is too large; a number must have at most 30 digits before"
                        + " the decimal point and 30 after it (from 1E-30 to below 1E+30)");
    }
}
