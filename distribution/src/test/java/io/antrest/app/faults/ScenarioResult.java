package io.antrest.app.faults;

import io.antrest.core.ClientMetrics;
import io.antrest.monitor.GatewayState;
import io.antrest.monitor.Resolutions;

import java.util.List;

/**
 * What one fault scenario came to: how the requests ended (counted from the engine's outcomes of
 * the scenario's own requests), what became of the orders at the simulator, the monitor's states,
 * the workers and the heap, and every broken promise found along the way.
 *
 * @param exchange      the exchange the scenario ran on ({@code binance}, {@code bitmex}, {@code okx})
 * @param scenario      the scenario's name
 * @param requests      how many requests the load sent
 * @param unended       requests whose caller heard nothing before the deadline
 * @param success       requests ended SUCCESS
 * @param failed        requests ended FAILED
 * @param error         requests ended ERROR
 * @param dropped       requests ended DROPPED
 * @param cancelled     requests ended CANCELLED
 * @param ordersSent    order placements among the requests (each with its own client order id)
 * @param ordersSucceeded orders whose sender heard they were placed (ended SUCCESS)
 * @param ordersReached order ids the simulator received at least once
 * @param ordersPlaced  order ids the simulator placed
 * @param duplicates    order ids the simulator received or placed more than once
 * @param ordersUnknown orders whose caller was told their outcome is unknown (the gateway could not settle them)
 * @param resolutions   lost order answers as the gateway's monitor counted their settling over the load
 * @param states        the gateway's state when the load began, then every state it moved to
 * @param endState      its state at the end, after waiting for the scenario to be over
 * @param seconds       from the first request of the load to the gateway's return to UP
 * @param runSeconds    the whole run: simulator, gateway connect, warm-up, load, heap measurements, close
 * @param heapBefore    heap bytes in use after a full GC, before the load ({@link FaultRun#HEAP_NOT_MEASURED} when not measured)
 * @param heapAfter     heap bytes in use after a full GC, after the load ({@link FaultRun#HEAP_NOT_MEASURED} when not measured)
 * @param workers       how many I/O threads the client had before the load
 * @param workersAlive  how many of those same threads were alive after it
 * @param totals        the client's counters after it was closed (heart-beats and connect calls included)
 * @param violations    broken promises: a caller not heard exactly once, an outcome that contradicts its
 *                      caller's answer, an order refused but placed, or reported placed but not there once
 */
public record ScenarioResult(String exchange, String scenario, int requests, int unended, long success, long failed, long error,
                             long dropped, long cancelled, int ordersSent, int ordersSucceeded, int ordersReached, int ordersPlaced,
                             int duplicates, int ordersUnknown, Resolutions resolutions, List<GatewayState> states, GatewayState endState, double seconds, double runSeconds,
                             long heapBefore, long heapAfter, int workers, int workersAlive, ClientMetrics totals,
                             List<String> violations) {

    /** Copies the lists. */
    public ScenarioResult {
        states = List.copyOf(states);
        violations = List.copyOf(violations);
    }

    /** The requests that ended, whatever their status. */
    public long ended() {
        return success + failed + error + dropped + cancelled;
    }

    /** How much the heap grew over the scenario, in bytes (negative when it shrank). */
    public long heapGrowth() {
        return heapAfter - heapBefore;
    }

    /**
     * The states as a short line: {@code UP > DOWN > UP}, or, when the gateway moved often,
     * the first and last few moves around the number of changes.
     */
    public String statesLine() {
        List<GatewayState> s = states;
        int changes = s.size() - 1;
        if (s.size() <= 5) {
            return String.join(" > ", s.stream().map(Enum::name).toList());
        }
        return String.join(" > ", s.subList(0, 3).stream().map(Enum::name).toList()) + " > ... > "
                + String.join(" > ", s.subList(s.size() - 2, s.size()).stream().map(Enum::name).toList())
                + " (" + changes + " changes)";
    }
}
