/** The BitMEX exchange plugin. */
module io.antrest.gateway.bitmex {
    requires io.antrest.gateway.spi;

    provides io.antrest.gateway.spi.ExchangeProvider with io.antrest.gateway.bitmex.BitmexProvider;
}
