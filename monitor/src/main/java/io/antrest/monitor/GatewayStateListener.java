package io.antrest.monitor;

/**
 * Hears every state transition of every gateway of a {@link MonitorEngine}, in order per
 * gateway. Called on the thread that caused the transition while the gateway's state is held:
 * implementations must be fast and must not block; an exception is logged and ignored.
 */
@FunctionalInterface
public interface GatewayStateListener {

    /** A gateway changed state. */
    void onStateChange(StateChange change);
}
