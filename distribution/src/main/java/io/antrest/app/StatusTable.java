package io.antrest.app;

import io.antrest.core.ClientMetrics;
import io.antrest.monitor.GatewayMetrics;

import java.util.Collection;
import java.util.Locale;

/**
 * The monitor's table as the commands print it: one line per gateway. {@code IN_DOUBT} counts the
 * orders whose answer was lost, as the gateway settled them: found placed / certainly not placed /
 * still unknown (told to their callers). {@code SHARING} says whether the rate-limit budget is this
 * process's alone ({@code local}), shared through Redis ({@code shared}), or meant to be shared
 * while Redis is unreachable ({@code fallback}: this process keeps to its fraction of every limit).
 */
final class StatusTable {
    private static final String FORMAT = "%-10s %-14s %9s %8s %7s %6s %8s %7s %7s %12s %-8s %9s %10s%n";

    private StatusTable() {
    }

    static String render(Collection<GatewayMetrics> gateways) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, FORMAT, "GATEWAY", "STATE", "SUBMITTED",
                "SUCCESS", "FAILED", "ERROR", "DROPPED", "P50_MS", "P99_MS", "BUDGET_USED", "SHARING", "CLOCK_MS", "IN_DOUBT"));
        for (GatewayMetrics m : gateways) {
            ClientMetrics c = m.client();
            out.append(String.format(Locale.ROOT, FORMAT, m.gateway(), m.state(), c.submitted(), c.success(), c.failed(),
                    c.error(), c.dropped(), String.format(Locale.ROOT, "%.1f", c.p50Millis()),
                    String.format(Locale.ROOT, "%.1f", c.p99Millis()), m.budgetUsed() + "/" + m.budgetLimit(), m.sharing().label(),
                    m.clockOffset().toMillis(), m.resolutions().placed() + "/" + m.resolutions().notPlaced() + "/"
                            + m.resolutions().stillUnknown()));
        }
        return out.toString();
    }
}
