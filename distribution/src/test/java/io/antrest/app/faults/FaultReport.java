package io.antrest.app.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The fault suite's report: one row per exchange and scenario, as a {@link MarkdownTable}, and a
 * line of totals per exchange under it. "lost: found placed" and "lost: not placed" are the orders whose answer was
 * lost and that the gateway settled by looking them up (its monitor's counts); "still unknown" the
 * orders whose caller was told the outcome is unknown.
 */
public final class FaultReport {
    private static final String[] HEADER = {"exchange", "scenario", "requests", "success", "failed", "error", "dropped", "cancelled",
        "orders sent", "orders at sim", "orders placed", "duplicates", "lost: found placed", "lost: not placed", "still unknown",
        "states seen", "seconds"};

    private final List<ScenarioResult> results = new ArrayList<>();

    /** Adds a scenario's row. */
    public synchronized void add(ScenarioResult result) {
        results.add(result);
    }

    /** Whether no scenario has been added. */
    public synchronized boolean isEmpty() {
        return results.isEmpty();
    }

    /** Left-aligned columns: the names and the states; the rest are numbers. */
    private static boolean left(int column) {
        return column <= 1 || column == HEADER.length - 2;
    }

    /** The table, the rows of each exchange together in the order they came, with a line of totals per exchange under it. */
    public synchronized String render() {
        MarkdownTable table = new MarkdownTable(HEADER, FaultReport::left);
        Map<String, List<ScenarioResult>> byExchange = new LinkedHashMap<>();
        for (ScenarioResult r : results) {
            byExchange.computeIfAbsent(r.exchange(), e -> new ArrayList<>()).add(r);
        }
        for (ScenarioResult r : byExchange.values().stream().flatMap(List::stream).toList()) {
            table.add(r.exchange(), r.scenario(), n(r.requests()), n(r.success()), n(r.failed()), n(r.error()), n(r.dropped()),
                n(r.cancelled()), n(r.ordersSent()), n(r.ordersReached()), n(r.ordersPlaced()), n(r.duplicates()),
                n(r.resolutions().placed()), n(r.resolutions().notPlaced()), n(r.ordersUnknown()),
                r.statesLine(), String.format(Locale.ROOT, "%.1f", r.seconds()));
        }
        StringBuilder sb = new StringBuilder(table.render());
        sb.append(System.lineSeparator());
        byExchange.forEach((exchange, rs) -> sb.append(String.format(Locale.ROOT,
                "%s: %d scenarios, %s requests, %.1f s in the scenarios' loads, %.1f s in all (simulator, connect,"
                        + " warm-up, heap measurements included)%n", exchange, rs.size(),
                n(rs.stream().mapToLong(ScenarioResult::requests).sum()), rs.stream().mapToDouble(ScenarioResult::seconds).sum(),
                rs.stream().mapToDouble(ScenarioResult::runSeconds).sum())));
        return sb.toString();
    }

    /** Writes the table to {@code file}, making its directory. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }

    private static String n(long v) {
        return Long.toString(v);
    }
}
