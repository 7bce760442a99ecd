/**
 * The Micrometer binding: every gateway of a {@code MonitorEngine}, or a bare {@code RestClient},
 * as meters in a caller's {@code MeterRegistry}. Optional: the other antrest modules do not need
 * Micrometer.
 */
module io.antrest.monitor.micrometer {
    requires transitive io.antrest.monitor;
    requires transitive micrometer.core;
    requires org.slf4j;
    requires static com.google.guice;
    requires static jakarta.inject;

    exports io.antrest.monitor.micrometer;

    opens io.antrest.monitor.micrometer to com.google.guice;
}
