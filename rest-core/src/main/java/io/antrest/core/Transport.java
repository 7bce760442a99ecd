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

    /** Something that sends one signed attempt at a time and says how it ended. */
    interface Sender {
        /**
         * Sends {@code signed} to {@code baseUrl} and reads the answer; {@code done} hears how it
         * ended exactly once, on the sender's thread, perhaps before this method returns.
         */
        void send(Request signed, String baseUrl, int attempt, Completion done);
    }

    /** How one attempt ended: with an answer, or with an error and none. */
    interface Completion {
        /**
         * @param response the answer, or null
         * @param error    null with an answer; else a {@link NotSentException} when nothing of the
         *                 request was written, another {@link IOException} when the exchange may have
         *                 acted on it, or a {@link RuntimeException}
         */
        void completed(Response response, Exception error);
    }

    /** One worker's blocking connection to the exchange. */
    interface Session extends Sender, AutoCloseable {
        /**
         * Sends {@code signed} to {@code baseUrl} and reads the answer.
         *
         * @throws NotSentException when it failed before a byte of the request was written
         * @throws IOException      when it failed after that: the exchange may have acted on it
         */
        Response execute(Request signed, String baseUrl, int attempt) throws IOException;

        /** Runs {@link #execute} and tells {@code done} before returning. */
        @Override
        default void send(Request signed, String baseUrl, int attempt, Completion done) {
            Response response = null;
            Exception error = null;
            try {
                response = execute(signed, baseUrl, attempt);
            } catch (IOException | RuntimeException e) {
                error = e;
            }
            done.completed(response, error);
        }

        /** Closes this session's connection. */
        @Override
        void close();
    }
}
