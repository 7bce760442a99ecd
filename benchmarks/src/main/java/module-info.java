/**
 * JMH benchmarks of the exchange plugins' request signers, each signing a realistic order
 * through the plugin's public entry point ({@code RequestSigner.sign}), beside the bare JDK
 * primitive it rests on.
 */
module io.antrest.benchmarks {
    requires io.antrest.gateway;
    requires jmh.core;

    exports io.antrest.benchmarks;

    // JMH instantiates the @State classes and its generated harness by reflection.
    opens io.antrest.benchmarks to jmh.core;
    opens io.antrest.benchmarks.jmh_generated to jmh.core;
}
