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

import io.antrest.app.faults.MarkdownTable;
import io.antrest.sim.LimitWindow;

/**
 * The report of {@link SharedBudgetIT}: one row per scenario, as a {@link MarkdownTable} (like the
 * fault suite's {@code fault-report.txt}), under a line naming the date
 * and the machine. The figures come from the simulator's own record: OKX's Get balance limit per
 * two-second window, what it allowed in each window in which requests arrived, what it refused,
 * and every 429 and 418 it answered.
 */
final class SharedBudgetReport {
    private static final String[] HEADER = {"scenario", "processes x requests", "limit / 2 s", "allowed per window",
        "busy windows", "used in busy windows", "refused", "429s", "418s", "Redis commands", "ok per process",
        "failed/errors/dropped per process", "events", "seconds"};

    /** One scenario's figures. */
    record Row(String scenario, int processes, int requestsEach, int limit, List<LimitWindow> windows, List<LimitWindow> busy,
            long answers429, long answers418, long redisCommands, List<Long> ok, List<String> notOk, String events,
            double seconds) {

        long refused() {
            return windows.stream().mapToLong(LimitWindow::refused).sum();
        }

        double usedShare() {
            return SharedBudgetReport.usedShare(busy);
        }
    }

    /** The share of their limits that {@code windows} used together, 0 when there are none. */
    static double usedShare(List<LimitWindow> windows) {
        long allowed = windows.stream().mapToLong(LimitWindow::allowed).sum();
        long limits = windows.stream().mapToLong(LimitWindow::limit).sum();
        return limits == 0 ? 0 : (double) allowed / limits;
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
        MarkdownTable table = new MarkdownTable(HEADER, SharedBudgetReport::left);
        for (Row r : rows) {
            long busyAllowed = r.busy().stream().mapToLong(LimitWindow::allowed).sum();
            long busyLimits = r.busy().stream().mapToLong(LimitWindow::limit).sum();
            table.add(r.scenario(), r.processes() + " x " + r.requestsEach(), Integer.toString(r.limit()),
                r.windows().stream().map(w -> Integer.toString(w.allowed())).collect(Collectors.joining(" ")),
                Integer.toString(r.busy().size()),
                busyLimits == 0 ? "-" : String.format(Locale.ROOT, "%.0f%% (%d/%d)", 100 * r.usedShare(), busyAllowed, busyLimits),
                Long.toString(r.refused()), Long.toString(r.answers429()), Long.toString(r.answers418()),
                r.redisCommands() < 0 ? "-" : Long.toString(r.redisCommands()),
                r.ok().stream().map(String::valueOf).collect(Collectors.joining(" ")), String.join(" ", r.notOk()),
                r.events(), String.format(Locale.ROOT, "%.1f", r.seconds()));
        }
        return String.format(Locale.ROOT, "Shared budget on Redis: %s, %d cores, Java %s, %s %s; OKX Get balance"
                        + " (10 per 2 s per user ID, x%s at the simulator and in the plugin), every process on the same key%n%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(), Runtime.version(),
                System.getProperty("os.name"), System.getProperty("os.arch"), SharedBudgetIT.SCALE)
                + table.render() + System.lineSeparator()
                + "allowed per window: what the simulator allowed in each 2 s window in which requests arrived, in order;"
                + " busy windows: those in which every process was running, the first and last windows left out; refused:"
                + " the simulator's refusals for the limit (each a 429); Redis commands: what Redis processed from its last"
                + " start to the end of the scenario" + System.lineSeparator();
    }

    /** Writes the report to {@code file}, making its directory. */
    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }

    /** Left-aligned columns: the scenario, the list of windows, the per-process lists and the events; the rest are numbers. */
    private static boolean left(int column) {
        return column == 0 || column == 3 || column >= 10 && column <= 12;
    }
}
