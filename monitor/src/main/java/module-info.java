/** The monitor engine: gateway states, heart-beats, listeners, metrics and admission. */
module io.antrest.monitor {
    requires transitive io.antrest.core;
    requires org.slf4j;
    requires static com.google.guice;
    requires static jakarta.inject;

    exports io.antrest.monitor;

    opens io.antrest.monitor to com.google.guice;
}
