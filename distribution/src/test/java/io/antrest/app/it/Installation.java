package io.antrest.app.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A private copy of the unpacked distribution ({@code target/antrest/}, made by {@code mvn package})
 * in a temporary directory, and a way to run its real {@code bin/antrest}.
 */
final class Installation {
    private final Path home;

    private Installation(Path home) {
        this.home = home;
    }

    /** Copies {@code target/antrest} into {@code dir}. */
    static Installation copyInto(Path dir) throws IOException {
        Path built = Path.of("target", "antrest").toAbsolutePath();
        assertThat(built.resolve("bin/antrest")).as("run 'mvn package' first: the unpacked distribution").exists();
        Path home = dir.resolve("antrest");
        try (Stream<Path> files = Files.walk(built)) {
            for (Path p : files.toList()) {
                Path to = home.resolve(built.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new Installation(home);
    }

    Path home() {
        return home;
    }

    Path plugins() {
        return home.resolve("plugins");
    }

    /** Writes a settings file only its owner may read (so {@code run} draws no warning about it). */
    static Path privateSettings(Path file, List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Everything the installation logged: all files under {@code logs/}, or "" when there are none. */
    String logs() throws IOException {
        return logsUnder(home);
    }

    /** Everything logged under {@code antrestHome}: all files under its {@code logs/}, or "" when there are none. */
    static String logsUnder(Path antrestHome) throws IOException {
        Path logs = antrestHome.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }

    /** What a run printed and how it ended. */
    record Run(int exit, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    Run run(String... args) throws Exception {
        return run(Map.of(), 120, args);
    }

    Run run(Map<String, String> env, int timeoutSeconds, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/antrest").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().putAll(env);
        return complete(pb.start(), timeoutSeconds, "bin/antrest " + String.join(" ", args));
    }

    /** Waits for {@code p} to end, collecting what it printed; fails when it runs past the time-out. */
    private static Run complete(Process p, int timeoutSeconds, String what) throws Exception {
        p.getOutputStream().close();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(what + " ran past " + timeoutSeconds + " s; printed:\n" + out.getNow("") + err.getNow(""));
        }
        return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    /** Runs {@code bin/antrest} on a pseudo-terminal (util-linux {@code script}); what it printed comes as output. */
    Run runOnTerminal(int timeoutSeconds, String... args) throws Exception {
        StringBuilder command = new StringBuilder("'" + home.resolve("bin/antrest") + "'");
        for (String a : args) {
            command.append(" '").append(a).append("'");
        }
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", command.toString(), "/dev/null").directory(home.toFile());
        return complete(pb.start(), timeoutSeconds, "bin/antrest " + String.join(" ", args) + " on a terminal");
    }

    /** Starts {@code bin/antrest} and returns the live process (for commands that run until stopped). */
    Process start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/antrest").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Reads what a started process prints until a line contains {@code marker}; fails after the time-out. */
    static String readUntil(Process p, String marker, int timeoutSeconds) throws Exception {
        StringBuilder seen = new StringBuilder();
        CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> {
            try {
                java.io.BufferedReader r = new java.io.BufferedReader(
                        new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                    if (line.contains(marker)) {
                        return seen.toString();
                    }
                }
                throw new AssertionError("the process ended before printing '" + marker + "':\n" + seen);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return found.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            synchronized (seen) {
                throw new AssertionError("waited " + timeoutSeconds + " s for '" + marker + "'; printed:\n" + seen);
            }
        }
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
