package io.antrest.app.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** What a started {@code bin/antrest} process prints, read as it goes by a daemon thread. */
final class Printed {
    private final StringBuilder text = new StringBuilder();
    private final Thread reader;

    private Printed(Process process, String name) {
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (text) {
                        text.append(line).append('\n');
                    }
                }
            } catch (IOException ended) {
                // the process ended
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts reading what {@code process} prints (its standard output, with standard error when redirected). */
    static Printed follow(Process process, String name) {
        return new Printed(process, name);
    }

    /** All printed so far. */
    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    /** Waits until {@code marker} was printed; fails after {@code seconds}, with what was printed. */
    void await(String marker, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!text().contains(marker)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("bin/antrest did not print '" + marker + "' within " + seconds + " s; it printed:\n"
                        + text());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Waits for the process's output to end (it ended), at most {@code seconds}. */
    void join(int seconds) throws InterruptedException {
        reader.join(TimeUnit.SECONDS.toMillis(seconds));
    }
}
