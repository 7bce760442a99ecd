package io.antrest.app.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One real {@code bin/antrest bench} process started by a test, with what it prints read as it
 * comes (standard output and standard error apart, each line's arrival time kept) and its log
 * folder of its own, so that several can run at once from one installation and each be judged.
 */
final class BenchProcess {
    /** The summary {@code bench} ends with: {@code requests=N ok=N failed=N errors=N dropped=N secs=...}. */
    private static final Pattern SUMMARY = Pattern.compile("^requests=\\d+ .*");
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    private final String name;
    private final Path logHome;
    private final Process process;
    private final Output out;
    private final Output err;

    private BenchProcess(String name, Path logHome, Process process) {
        this.name = name;
        this.logHome = logHome;
        this.process = process;
        this.out = new Output(process.getInputStream(), name + "-out");
        this.err = new Output(process.getErrorStream(), name + "-err");
    }

    /**
     * Starts {@code bin/antrest bench ARGS} of the installation with {@code env} added; its log
     * file goes under {@code logHome/logs/} ({@code antrest.home} given through {@code
     * ANTREST_OPTS}, which the launcher appends after its own), not the installation's shared one.
     */
    static BenchProcess start(Installation antrest, String name, Path logHome, Map<String, String> env, List<String> args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(antrest.home().resolve("bin/antrest").toString());
        cmd.add("bench");
        cmd.addAll(args);
        Files.createDirectories(logHome);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(antrest.home().toFile());
        pb.environment().putAll(env);
        pb.environment().put("ANTREST_OPTS", "-Dantrest.home=" + logHome);
        Process process = pb.start();
        process.getOutputStream().close();
        return new BenchProcess(name, logHome, process);
    }

    String name() {
        return name;
    }

    /** When it printed its first line (the bench's heading, before it connects), or null. */
    Instant started() {
        return out.first();
    }

    /** When it printed its summary line, the end of its requests, or null. */
    Instant finished() {
        return out.summaryAt();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for it to end; kills it and fails when it runs past {@code safetySeconds}. */
    int await(int safetySeconds) throws InterruptedException {
        if (!process.waitFor(safetySeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + ": bin/antrest bench ran past " + safetySeconds + " s; it printed:\n" + all());
        }
        out.join();
        err.join();
        return process.exitValue();
    }

    /** Ends it at once (for clean-up after a failed test). */
    void kill() {
        process.destroyForcibly();
    }

    String out() {
        return out.text();
    }

    String err() {
        return err.text();
    }

    /** What it wrote to its log folder, "" when nothing. */
    String log() throws IOException {
        return Installation.logsUnder(logHome);
    }

    /** Standard output and error, for failure messages. */
    String all() {
        return "--- " + name + " stdout:\n" + out() + "--- " + name + " stderr:\n" + err();
    }

    /** The fields of its summary line ({@code ok} → "40"...); empty when it printed none. */
    Map<String, String> summary() {
        Map<String, String> fields = new LinkedHashMap<>();
        String text = out();
        for (String line : text.split("\n")) {
            if (SUMMARY.matcher(line).matches()) {
                fields.clear();
                Matcher m = FIELD.matcher(line);
                while (m.find()) {
                    fields.put(m.group(1), m.group(2));
                }
            }
        }
        return fields;
    }

    /** A whole-number field of the summary line, or -1 when it printed none. */
    long summaryCount(String field) {
        String value = summary().get(field);
        return value == null ? -1 : Long.parseLong(value);
    }

    /** One stream read line by line on its own thread, the first line's and the summary's arrival noted. */
    private static final class Output {
        private final StringBuilder text = new StringBuilder();
        private final Thread reader;
        private Instant first;
        private Instant summaryAt;

        Output(InputStream in, String threadName) {
            reader = new Thread(() -> read(in), threadName);
            reader.setDaemon(true);
            reader.start();
        }

        private void read(InputStream in) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Instant now = Instant.now();
                    synchronized (this) {
                        if (first == null) {
                            first = now;
                        }
                        if (SUMMARY.matcher(line).matches()) {
                            summaryAt = now;
                        }
                        text.append(line).append('\n');
                    }
                }
            } catch (IOException ended) {
                // the process ended
            }
        }

        synchronized Instant first() {
            return first;
        }

        synchronized Instant summaryAt() {
            return summaryAt;
        }

        synchronized String text() {
            return text.toString();
        }

        void join() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
