/** The Binance spot exchange plugin. */
module io.antrest.gateway.binance {
    requires io.antrest.gateway.spi;

    provides io.antrest.gateway.spi.ExchangeProvider with io.antrest.gateway.binance.BinanceProvider;
}
