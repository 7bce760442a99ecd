package io.antrest.app.bench;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** A progress bar on standard error, redrawn five times a second; silent when not on a terminal. */
final class Progress implements AutoCloseable {
    private static final int WIDTH = 40;

    private final ScheduledExecutorService timer;
    private final PrintWriter err;
    private final String label;
    private final long total;
    private final LongSupplier done;

    private Progress(PrintWriter err, String label, long total, LongSupplier done, boolean show) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.done = done;
        if (show) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "antrest-bench-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::draw, 0, 200, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** A bar for {@code total} steps, shown only when {@code show}. */
    static Progress start(PrintWriter err, String label, long total, LongSupplier done, boolean show) {
        return new Progress(err, label, total, done, show);
    }

    private void draw() {
        long d = Math.min(total, done.getAsLong());
        int filled = total == 0 ? WIDTH : (int) (WIDTH * d / total);
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + d + "/" + total);
        err.flush();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            draw();
            err.println();
            err.flush();
        }
    }
}
