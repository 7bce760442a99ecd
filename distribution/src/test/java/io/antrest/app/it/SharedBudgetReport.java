package io.antrest.app.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.antrest.sim.LimitWindow;

/**
 * The report of {@link SharedBudgetIT}: one row per scenario, as a Markdown table that reads as
 * plain text too (like the fault suite's {@code fault-report.txt}), under a line naming the date
 * and the machine. The figures come from the simulator's own record: OKX's Get balance limit per
 * two-second window, what it allowed in each window in which requests arrived, what it refused,
 * and every 429 and 418 it answered.
 */
final class SharedBudgetReport {
    private static final String[] HEADER = {"scenario", "processes x requests", "limit / 2 s", "allowed per window",
        "busy windows", "used in busy windows", "refused", "429s", "418s", "ok per process", "failed/errors/dropped per process",
        "events", "seconds"};

    /** One scenario's figures. */
    record Row(String scenario, int processes, int requestsEach, int limit, List<LimitWindow> windows, List<LimitWindow> busy,
            long answers429, long answers418, List<Long> ok, List<String> notOk, String events, double seconds) {

        long refused() {
            return windows.stream().mapToLong(LimitWindow::refused).sum();
        }

        /** The share of the limit the busy windows used together, 0 when there were none. */
        double usedShare() {
            long allowed = busy.stream().mapToLong(LimitWindow::allowed).sum();
            long limits = busy.stream().mapToLong(LimitWindow::limit).sum();
            return limits == 0 ? 0 : (double) allowed / limits;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
    }

    synchronized boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The heading line and the table, rows in the order the scenarios ran. */
    synchronized String render() {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (Row r : rows) {
            long busyAllowed = r.busy().stream().mapToLong(LimitWindow::allowed).sum();
            long busyLimits = r.busy().stream().mapToLong(LimitWindow::limit).sum();
            cells.add(new String[] {r.scenario(), r.processes() + " x " + r.requestsEach(), Integer.toString(r.limit()),
                r.windows().stream().map(w -> Integer.toString(w.allowed())).collect(Collectors.joining(" ")),
                Integer.toString(r.busy().size()),
                busyLimits == 0 ? "-" : String.format(Locale.ROOT, "%.0f%% (%d/%d)", 100 * r.usedShare(), busyAllowed, busyLimits),
                Long.toString(r.refused()), Long.toString(r.answers429()), Long.toString(r.answers418()),
                r.ok().stream().map(String::valueOf).collect(Collectors.joining(" ")), String.join(" ", r.notOk()),
                r.events(), String.format(Locale.ROOT, "%.1f", r.seconds())});
        }
        int[] width = new int[HEADER.length];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Shared budget on Redis: %s, %d cores, Java %s, %s %s; OKX Get balance"
                        + " (10 per 2 s per user ID, x%s at the simulator and in the plugin), every process on the same key%n%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(), Runtime.version(),
                System.getProperty("os.name"), System.getProperty("os.arch"), SharedBudgetIT.SCALE));
        for (int r = 0; r < cells.size(); r++) {
            line(sb, cells.get(r), width);
            if (r == 0) {
                String[] rule = new String[HEADER.length];
                for (int c = 0; c < rule.length; c++) {
                    rule[c] = (left(c) ? ":" : "") + "-".repeat(Math.max(1, width[c] - 1)) + (left(c) ? "" : ":");
                }
                line(sb, rule, width);
            }
        }
        sb.append(System.lineSeparator()).append("allowed per window: what the simulator allowed in each 2 s window in which"
                + " requests arrived, in order; busy windows: those in which every process was running, the first and last"
                + " windows left out; refused: the simulator's refusals for the limit (each a 429)").append(System.lineSeparator());
        return sb.toString();
    }

    /** Writes the report to {@code file}, making its directory. */
    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }

    /** Left-aligned columns: the scenario, the list of windows, the per-process lists and the events; the rest are numbers. */
    private static boolean left(int column) {
        return column == 0 || column == 3 || column == 9 || column == 10 || column == 11;
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
}
