package io.antrest.core;

import java.io.IOException;

/**
 * Sends one signed attempt and reads its answer. A transport hands each worker a
 * {@link Session} of its own (one keep-alive connection per worker), so a worker never waits for
 * another's connection. The engine decides what is retried; a transport never retries or
 * follows redirects itself.
 */
interface Transport extends AutoCloseable {

    /** A session for one worker thread; only that thread uses it. */
    Session open();

    /** Aborts whatever is in flight, from any thread: blocked reads and writes fail at once. */
    void abort();

    /** Closes every connection. */
    @Override
    void close();

    /** One worker's connection to the exchange. */
    interface Session extends AutoCloseable {
        /**
         * Sends {@code signed} to {@code baseUrl} and reads the answer.
         *
         * @throws NotSentException when it failed before a byte of the request was written
         * @throws IOException      when it failed after that: the exchange may have acted on it
         */
        Response execute(Request signed, String baseUrl, int attempt) throws IOException;

        /** Closes this session's connection. */
        @Override
        void close();
    }
}
