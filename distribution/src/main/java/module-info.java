/** The antrest command line, its settings, the Guice bootstrap and the log filter of the distribution. */
module io.antrest.app {
    requires io.antrest.gateway;
    requires io.antrest.sim;
    // antrest run's /metrics (Prometheus text, through Micrometer) and /health
    requires io.antrest.monitor.micrometer;
    requires micrometer.registry.prometheus;
    requires jdk.httpserver;
    // the gateway's shared budget (gateway.NAME.budget=redis://...) needs the Redis client, optional there
    requires lettuce.core;
    requires com.google.guice;
    requires com.zaxxer.hikari;
    requires info.picocli;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires java.management;
    requires jdk.management;
    requires org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;

    exports io.antrest.app.config;
    exports io.antrest.app.logging;

    opens io.antrest.app to info.picocli, com.google.guice;

    uses io.antrest.gateway.spi.ExchangeProvider;
}
