package io.antrest.monitor;

/** Where a gateway stands, as the monitor sees it. */
public enum GatewayState {
    /** Not connected, or closed. */
    DISCONNECTED,
    /** Starting its client and reaching the exchange. */
    CONNECTING,
    /** Loading the exchange's contracts and comparing them with the store. */
    VERIFYING_CONTRACTS,
    /** Working: requests go. */
    UP,
    /** Working badly: failures or errors over the threshold, but not down. */
    DEGRADED,
    /** Not answering: heart-beats or requests fail. */
    DOWN,
    /** Told to wait by the exchange (429 or a 418 ban) until a time. */
    RATE_LIMITED;

    /** Whether requests may go in this state (droppable ones are dropped otherwise). */
    public boolean isUp() {
        return this == UP;
    }
}
