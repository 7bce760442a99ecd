package io.antrest.app.faults;

import io.antrest.sim.SimExchange;

/**
 * What a fault scenario does to the simulator in the middle of the load, on a thread of its own
 * while requests keep going: programme a burst of faults (and return at once), or misbehave for
 * a stretch (slow answers, an outage) and return when it is over.
 */
@FunctionalInterface
public interface Disturbance {
    /**
     * Disturbs the simulator.
     *
     * @param sim      the simulator the gateway talks to
     * @param requests how many requests the scenario sends, to size bursts by
     */
    void apply(SimExchange sim, int requests) throws Exception;
}
