package io.antrest.core;

/** Every test of {@link WholeRequestTimeoutTest} again, with the client's session on an I/O loop (a selector). */
class IoLoopTimeoutTest extends WholeRequestTimeoutTest {
    @Override
    RestClient.Builder mode(RestClient.Builder builder) {
        return builder.config(builder.config().toBuilder().ioThreads(1).build());
    }
}
