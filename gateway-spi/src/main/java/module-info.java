/**
 * The exchange plugin contract: what a plugin implements ({@code ExchangeProvider}, {@code Exchange},
 * {@code TradingApi}) and the value types it reads and returns. Nothing of the runtime is here;
 * plugins compile against this module (and rest-core's request types) only.
 */
module io.antrest.gateway.spi {
    requires transitive io.antrest.core;

    exports io.antrest.gateway.spi;
}
