/**
 * The exchange plugin contract ({@code io.antrest.gateway.spi}) and the small runtime that
 * loads providers and runs gateways ({@code io.antrest.gateway}).
 */
module io.antrest.gateway.spi {
    requires transitive io.antrest.core;
    requires transitive io.antrest.monitor;
    requires transitive java.sql;
    requires org.slf4j;
    requires static com.google.guice;
    requires static jakarta.inject;

    exports io.antrest.gateway.spi;
    exports io.antrest.gateway;

    opens io.antrest.gateway to com.google.guice;

    uses io.antrest.gateway.spi.ExchangeProvider;
}
