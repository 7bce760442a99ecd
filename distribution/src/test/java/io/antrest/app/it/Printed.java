package io.antrest.app.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** What a started {@code bin/antrest} process prints, read as it goes by a daemon thread. */
final class Printed {
    private final StringBuilder text = new StringBuilder();
    private final Process process;
    private final Thread reader;

    private Printed(Process process, String name) {
        this.process = process;
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

    /** Sends the process Ctrl-C (SIGINT) and waits for it and its output to end; fails when it runs past {@code seconds}. */
    void ctrlC(int seconds) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
        assertThat(kill.waitFor()).isZero();
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("the process stops on Ctrl-C").isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(seconds));
    }
}
