/** The OKX v5 spot exchange plugin. */
module io.antrest.gateway.okx {
    requires io.antrest.gateway.spi;

    provides io.antrest.gateway.spi.ExchangeProvider with io.antrest.gateway.okx.OkxProvider;
}
