package io.antrest.core;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.LoggerFactory;

import java.util.function.BiConsumer;

import static java.util.Objects.requireNonNull;

/**
 * What a caller hears when its call ends, exactly once: {@link #onSuccess} for a 2xx answer,
 * {@link #onFailed} for a non-2xx answer that was not retried, {@link #onError} for everything
 * else (a connection failure, a time-out, an outcome unknown, a full queue, a drop, a
 * cancellation; {@link Call#status()} tells which). The defaults log through SLF4J. An
 * exception thrown from a callback is caught and logged; the client goes on.
 *
 * <p>Callbacks run on the client's I/O threads, each of which also sends and reads for several
 * connections: a callback that blocks holds those up. Hand slow work to an executor of your own;
 * a callback may queue the next request at once (it goes out from the same thread, without a
 * thread switch).
 */
@FunctionalInterface
public interface Callback {

    /**
     * A 2xx answer.
     *
     * @param data the parsed JSON body, {@code null} for a 204 or an empty body
     * @param call the call, with its response
     */
    void onSuccess(JsonNode data, Call call);

    /** A non-2xx answer that ended the call; by default logged as a warning. */
    default void onFailed(int status, Response response, Call call) {
        LoggerFactory.getLogger(Callback.class).warn("{} failed with HTTP {}: {}", call, status, response);
    }

    /** An exception that ended the call; by default logged as an error (a drop or cancel as a warning). */
    default void onError(Throwable error, Call call) {
        if (error instanceof RequestDroppedException || error instanceof RequestCancelledException) {
            LoggerFactory.getLogger(Callback.class).warn("{}: {}", call, error.getMessage());
        } else {
            LoggerFactory.getLogger(Callback.class).error("{} ended in error", call, error);
        }
    }

    /** A callback from a success handler, with the default failed and error handlers. */
    static Callback of(BiConsumer<JsonNode, Call> onSuccess) {
        requireNonNull(onSuccess, "onSuccess is null");
        return onSuccess::accept;
    }

    /** A callback with all three handlers given. */
    static Callback of(BiConsumer<JsonNode, Call> onSuccess, FailedHandler onFailed, BiConsumer<Throwable, Call> onError) {
        requireNonNull(onSuccess, "onSuccess is null");
        requireNonNull(onFailed, "onFailed is null");
        requireNonNull(onError, "onError is null");
        return new Callback() {
            @Override
            public void onSuccess(JsonNode data, Call call) {
                onSuccess.accept(data, call);
            }

            @Override
            public void onFailed(int status, Response response, Call call) {
                onFailed.onFailed(status, response, call);
            }

            @Override
            public void onError(Throwable error, Call call) {
                onError.accept(error, call);
            }
        };
    }

    /** The handler of a non-2xx answer, for {@link #of(BiConsumer, FailedHandler, BiConsumer)}. */
    @FunctionalInterface
    interface FailedHandler {
        /** Handles a non-2xx answer. */
        void onFailed(int status, Response response, Call call);
    }
}
