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
 * The fault suite's report: one row per exchange and scenario, as a Markdown table that reads as
 * plain text too, so that it can be pasted into the README as it is, and a line of totals per
 * exchange under it. "lost: found placed" and "lost: not placed" are the orders whose answer was
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
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        Map<String, List<ScenarioResult>> byExchange = new LinkedHashMap<>();
        for (ScenarioResult r : results) {
            byExchange.computeIfAbsent(r.exchange(), e -> new ArrayList<>()).add(r);
        }
        for (ScenarioResult r : byExchange.values().stream().flatMap(List::stream).toList()) {
            rows.add(new String[] {r.exchange(), r.scenario(), n(r.requests()), n(r.success()), n(r.failed()), n(r.error()), n(r.dropped()),
                n(r.cancelled()), n(r.ordersSent()), n(r.ordersReached()), n(r.ordersPlaced()), n(r.duplicates()),
                n(r.resolutions().placed()), n(r.resolutions().notPlaced()), n(r.ordersUnknown()),
                r.statesLine(), String.format(Locale.ROOT, "%.1f", r.seconds())});
        }
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(sb, rows.get(r), width);
            if (r == 0) {
                String[] rule = new String[HEADER.length];
                for (int c = 0; c < rule.length; c++) {
                    rule[c] = (left(c) ? ":" : "") + "-".repeat(Math.max(1, width[c] - 1)) + (left(c) ? "" : ":");
                }
                line(sb, rule, width);
            }
        }
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

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        sb.append('|');
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c];
            String pad = " ".repeat(width[c] - cell.length());
            sb.append(' ').append(left(c) ? cell + pad : pad + cell).append(" |");
        }
        sb.append(System.lineSeparator());
    }

    private static String n(long v) {
        return Long.toString(v);
    }
}
