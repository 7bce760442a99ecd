package io.antrest.monitor;

import java.util.concurrent.CompletableFuture;

/**
 * One ping of a gateway's exchange, which the {@link MonitorEngine} calls every heart-beat
 * interval: the future completes normally when the exchange answered, exceptionally when it
 * did not. A gateway sends it through its own client, tagged with {@link #TAG} in
 * {@link io.antrest.core.Request#extra()} so that the monitor counts it once, as a heart-beat,
 * and not a second time as an ordinary call.
 */
@FunctionalInterface
public interface HeartBeat {

    /** The {@code extra} of a heart-beat request. */
    String TAG = "antrest.monitor.heart-beat";

    /** Pings the exchange once; must not block. */
    CompletableFuture<?> beat();
}
