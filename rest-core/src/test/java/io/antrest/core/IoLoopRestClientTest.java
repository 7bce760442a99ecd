package io.antrest.core;

/** Every test of {@link RestClientTest} again, with the client's sessions on one I/O loop (a selector). */
class IoLoopRestClientTest extends RestClientTest {
    @Override
    RestClient.Builder mode(RestClient.Builder builder) {
        return builder.config(builder.config().toBuilder().ioThreads(1).build());
    }
}
