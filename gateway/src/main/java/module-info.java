/**
 * The gateway runtime: plugin discovery ({@code ProviderRegistry}), {@code GatewayManager},
 * {@code Gateway} (typed calls, clock offset, rate-limit buckets, error reading of every answer),
 * and the contract store (JDBC).
 */
module io.antrest.gateway {
    requires transitive io.antrest.gateway.spi;
    requires transitive io.antrest.monitor;
    requires transitive java.sql;
    requires org.slf4j;
    // only for a rate-limit budget shared through Redis; embedders who keep budgets local need not ship it
    requires static lettuce.core;
    requires static com.google.guice;
    requires static jakarta.inject;

    exports io.antrest.gateway;

    opens io.antrest.gateway to com.google.guice;

    uses io.antrest.gateway.spi.ExchangeProvider;
}
