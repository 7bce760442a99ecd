/** The antrest command line, Guice bootstrap and configuration. */
module io.antrest.app {
    requires io.antrest.gateway.spi;
    requires io.antrest.sim;
    requires com.google.guice;
    requires info.picocli;
    requires org.slf4j;

    opens io.antrest.app to info.picocli, com.google.guice;

    uses io.antrest.gateway.spi.ExchangeProvider;
}
