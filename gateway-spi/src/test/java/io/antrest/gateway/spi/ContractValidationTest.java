package io.antrest.gateway.spi;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractValidationTest {

    private static Contract.Builder contract(String symbol) {
        return Contract.builder("binance", symbol).baseAsset("BTC").quoteAsset("USDT").tickSize(new BigDecimal("0.01"))
                .lotSize(new BigDecimal("0.00001")).status("TRADING", true).type("SPOT");
    }

    @Test
    void aTickOrLotSizeOfZeroOrLessIsRefusedNamingContractFieldAndValue() {
        assertThatThrownBy(() -> contract("ETHUSDT").tickSize(new BigDecimal("-0.01")).build())
                .isInstanceOf(InvalidContractException.class)
                .hasMessage("binance contract ETHUSDT: tickSize -0.01 must be greater than zero"
                        + " (a step of zero or less cannot be kept to)")
                .satisfies(e -> {
                    InvalidContractException i = (InvalidContractException) e;
                    assertThat(i.exchange()).isEqualTo("binance");
                    assertThat(i.symbol()).isEqualTo("ETHUSDT");
                    assertThat(i.field()).isEqualTo("tickSize");
                });
        assertThatThrownBy(() -> contract("ETHUSDT").tickSize(BigDecimal.ZERO).build())
                .hasMessageContaining("ETHUSDT: tickSize 0 must be greater than zero");
        assertThatThrownBy(() -> contract("ETHUSDT").tickSize(new BigDecimal("0E-8")).build())
                .hasMessageContaining("tickSize 0 must be greater than zero");
        assertThatThrownBy(() -> contract("ETHUSDT").lotSize(new BigDecimal("0.00000000")).build())
                .hasMessageContaining("lotSize 0 must be greater than zero");
    }

    @Test
    void aNegativeLimitIsRefusedAndZeroMeansNone() {
        assertThatThrownBy(() -> contract("ETHUSDT").minNotional(new BigDecimal("-5")).build())
                .isInstanceOf(InvalidContractException.class)
                .hasMessage("binance contract ETHUSDT: minNotional -5 must be zero (no limit) or more");
        for (String field : new String[] {"minQuantity", "maxQuantity", "maxPrice"}) {
            Contract.Builder b = contract("ETHUSDT");
            switch (field) {
                case "minQuantity" -> b.minQuantity(new BigDecimal("-0.1"));
                case "maxQuantity" -> b.maxQuantity(new BigDecimal("-0.1"));
                default -> b.maxPrice(new BigDecimal("-0.1"));
            }
            assertThatThrownBy(b::build).hasMessageContaining(field + " -0.1 must be zero (no limit) or more");
        }
        assertThat(contract("ETHUSDT").maxPrice(new BigDecimal("0E+3")).build().maxPrice()).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void hugeExponentsAreRefusedAtOnceWithTheBoundAndWithoutExpandingTheNumber() {
        assertThatThrownBy(() -> contract("ETHUSDT").tickSize(new BigDecimal("1e999999")).build())
                .isInstanceOf(InvalidContractException.class)
                .hasMessage("binance contract ETHUSDT: tickSize 1E+999999 is too large; a number must have at most 30"
                        + " digits before the decimal point and 30 after it (from 1E-30 to below 1E+30)");
        // was: "BigInteger would overflow supported range", from normalising before any check
        assertThatThrownBy(() -> contract("ETHUSDT").tickSize(new BigDecimal("1e2147483647")).build())
                .isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("tickSize 1E+2147483647 is too large; a number must have at most 30 digits");
        assertThatThrownBy(() -> contract("ETHUSDT").maxQuantity(new BigDecimal("-1e2147483647")).build())
                .hasMessageContaining("maxQuantity -1E+2147483647 is too large");
        assertThatThrownBy(() -> contract("ETHUSDT").tickSize(new BigDecimal("1e-2147483647")).build())
                .hasMessageContaining("tickSize 1E-2147483647 is too fine; a number must have at most 30 digits before"
                        + " the decimal point and 30 after it");
    }

    @Test
    void theBoundsLeaveRoomForEveryRealExchangeAndAreExact() {
        Contract fine = contract("PEPEUSDT").tickSize(new BigDecimal("0.0000000000000000001")).build();
        assertThat(fine.tickSize()).isEqualTo(new BigDecimal("1E-19"));
        assertThat(contract("X").tickSize(new BigDecimal("1E-30")).build().tickSize()).isEqualTo(new BigDecimal("1E-30"));
        assertThatThrownBy(() -> contract("X").tickSize(new BigDecimal("1E-31")).build())
                .hasMessageContaining("tickSize 1E-31 is too fine");
        BigDecimal largest = new BigDecimal("999999999999999999999999999999.999999999999999999999999999999");
        assertThat(contract("X").maxQuantity(largest).build().maxQuantity()).isEqualTo(largest);
        assertThatThrownBy(() -> contract("X").maxPrice(new BigDecimal("1E+30")).build())
                .hasMessageContaining("maxPrice 1E+30 is too large");
        // trailing zeros do not count: Binance writes 0.01000000, and 0.01 followed by 40 zeros is still 0.01
        assertThat(contract("X").tickSize(new BigDecimal("0.01" + "0".repeat(40))).build().tickSize())
                .isEqualTo(new BigDecimal("0.01"));
        assertThat(contract("X").maxQuantity(new BigDecimal("9E+10")).build().maxQuantity())
                .isEqualTo(new BigDecimal("90000000000"));
    }

    @Test
    void aNumberWithVeryManyDigitsIsRefusedWithoutPrintingThemAll() {
        BigDecimal long1000 = new BigDecimal(new BigInteger("1".repeat(1000)), 1000);
        assertThatThrownBy(() -> contract("X").tickSize(long1000).build())
                .isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("tickSize (a number of 1000 digits) is written with 1000 digits, more than the 100"
                        + " accepted")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }

    @Test
    void theExchangesSymbolIsPrintedWithControlCharactersEscaped() {
        assertThatThrownBy(() -> contract("BAD\n12:00:00 INFO forged\u001b[2J").tickSize(BigDecimal.ZERO).build())
                .hasMessageContaining("binance contract BAD\\u000a12:00:00 INFO forged\\u001b[2J: tickSize 0")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u001b"));
    }

    @Test
    void aListingLeavesOutAnImpossibleContractAndSaysWhy() {
        ContractListing listing = ContractListing.builder()
                .add(() -> contract("BTCUSDT").build())
                .add(() -> contract("ETHUSDT").tickSize(new BigDecimal("-0.01")).build())
                .add(() -> contract("SOLUSDT").build())
                .build();

        assertThat(listing).extracting(Contract::symbol).containsExactly("BTCUSDT", "SOLUSDT");
        assertThat(listing.refused()).singleElement().satisfies(e -> {
            assertThat(e.symbol()).isEqualTo("ETHUSDT");
            assertThat(e).hasMessageContaining("tickSize -0.01 must be greater than zero");
        });
        assertThatThrownBy(() -> listing.add(contract("X").build())).isInstanceOf(UnsupportedOperationException.class);
        // an answer that is not the documented shape is not one entry's problem: it refuses the answer
        assertThatThrownBy(() -> ContractListing.builder().add(() -> {
            throw new IllegalStateException("no symbols array");
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void textIsReadAsANumberOnlyWhenShortAndWellFormed() {
        assertThat(Decimals.parse(" 0.01000000 ")).isEqualTo(new BigDecimal("0.01000000"));
        assertThat(Decimals.parse("1e2147483647")).isEqualTo(new BigDecimal("1E+2147483647"));
        assertThatThrownBy(() -> Decimals.parse("9".repeat(5_000_000)))
                .isInstanceOf(NumberFormatException.class)
                .hasMessageStartingWith("a number written with 5000000 characters (9999")
                .hasMessageEndingWith("), more than the 120 read");
        assertThatThrownBy(() -> Decimals.parse("1e2147483648")).isInstanceOf(NumberFormatException.class)
                .hasMessage("not a decimal number: \"1e2147483648\"");
        assertThatThrownBy(() -> Decimals.parse("0.1\u001b[2J")).hasMessage("not a decimal number: \"0.1\\u001b[2J\"");
    }
}
