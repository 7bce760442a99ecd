package io.antrest.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 15 server for tests, in a cluster of its own in a temporary folder under
 * {@code /tmp}: made with {@code initdb} (trust authentication on loopback, superuser
 * {@code antrest}), started with {@code pg_ctl} on a free loopback port with its unix socket in
 * the same folder, with a database {@code antrest} in which {@link #newStore()} gives each test a
 * schema of its own, and stopped and deleted by {@link #close()}. PostgreSQL refuses to run as root:
 * when the tests run as root (as CI does), the binaries run as the unprivileged {@code postgres}
 * user (else {@code nobody}) through {@code runuser}, which owns the folder. Without the server
 * binaries ({@code /usr/lib/postgresql/15/bin}, or the folder named by {@code ANTREST_PG_BIN}) the
 * test fails, saying what to install: these tests are part of {@code mvn verify}, never skipped.
 */
final class PostgresServer implements AutoCloseable {
    /** Where Debian's postgresql-15 package puts initdb, pg_ctl and postgres. */
    static final Path DEFAULT_BIN = Path.of("/usr/lib/postgresql/15/bin");
    /** The superuser initdb makes; loopback connections need no password (trust). */
    static final String USER = "antrest";

    private final Path bin;
    private final Path folder;
    private final Path data;
    private final String runAs;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private final Thread stopAtExit;

    private PostgresServer(Path bin, Path folder, String runAs, int port) {
        this.bin = bin;
        this.folder = folder;
        this.data = folder.resolve("data");
        this.runAs = runAs;
        this.port = port;
        this.stopAtExit = new Thread(this::stopQuietly, "postgres-stop-at-exit");
    }

    /** Makes a cluster and starts it; fails (never skips) when PostgreSQL's binaries are missing. */
    static PostgresServer start() {
        String given = System.getenv("ANTREST_PG_BIN");
        return start(given != null && !given.isBlank() ? Path.of(given) : DEFAULT_BIN);
    }

    /** Makes a cluster with the binaries in {@code bin} and starts it. */
    static PostgresServer start(Path bin) {
        for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(bin.resolve(tool))) {
                throw new AssertionError("PostgreSQL 15's server binaries are needed by the contract-store tests, but "
                        + bin.resolve(tool) + " is not an executable: install them (Debian: apt-get install"
                        + " postgresql-15) or set ANTREST_PG_BIN to the folder holding initdb, pg_ctl and postgres");
            }
        }
        Path folder = null;
        try {
            folder = Files.createTempDirectory(Path.of("/tmp"), "antrest-pg-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            String runAs = isRoot() ? unprivilegedUser() : null;
            if (runAs != null) {
                UserPrincipal owner = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs);
                Files.setOwner(folder, owner);
            }
            PostgresServer server = new PostgresServer(bin, folder, runAs, freePort());
            server.initdb();
            server.pgCtlStart();
            server.createDatabase(USER);
            Runtime.getRuntime().addShutdownHook(server.stopAtExit);
            return server;
        } catch (IOException e) {
            deleteQuietly(folder);
            throw new UncheckedIOException("could not start PostgreSQL in " + folder, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(folder);
            throw e;
        }
    }

    /** The server's port on 127.0.0.1. */
    int port() {
        return port;
    }

    /** The JDBC URL of a database, e.g. {@code jdbc:postgresql://127.0.0.1:PORT/NAME?user=antrest}. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    /**
     * A new, empty store: a schema of its own in the database {@code antrest}, as the JDBC URL that
     * works in it ({@code ...?user=antrest&currentSchema=store_N}). Much quicker than a database a test.
     */
    String newStore() {
        String schema = "store_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url(USER)); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create schema " + schema + " on PostgreSQL at port " + port, e);
        }
        return url(USER) + "&currentSchema=" + schema;
    }

    /** Stops the server at once and deletes its folder. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting and runs the hook itself
        }
        stopQuietly();
    }

    private void stopQuietly() {
        try {
            run(30, command("pg_ctl", "stop", "-D", data.toString(), "-m", "immediate", "-w"));
        } catch (RuntimeException e) {
            // already stopped, or never started: the folder goes all the same
        } finally {
            deleteQuietly(folder);
        }
    }

    private void createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " on PostgreSQL at port " + port, e);
        }
    }

    private void initdb() {
        run(120, command("initdb", "-D", data.toString(), "-U", USER, "--auth=trust", "--no-sync", "--encoding=UTF8",
                "--locale=C", "--no-instructions"));
    }

    private void pgCtlStart() {
        String options = "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=50";
        run(120, command("pg_ctl", "start", "-D", data.toString(), "-w", "-t", "60", "-l",
                folder.resolve("server.log").toString(), "-o", options));
    }

    /** The command line of a PostgreSQL tool, as the unprivileged user when we are root. */
    private List<String> command(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        if (runAs != null) {
            cmd.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void run(int timeoutSeconds, List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(folder.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " ran past " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n"
                        + new String(out, StandardCharsets.UTF_8) + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", cmd), e);
        }
    }

    private String serverLog() {
        try {
            Path log = folder.resolve("server.log");
            return Files.exists(log) ? "\nserver.log:\n" + Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isRoot() throws IOException {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return uid.equals("0");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted asking id -u", e);
        }
    }

    /** {@code postgres} where the image has that user, else {@code nobody}. */
    private static String unprivilegedUser() throws IOException {
        for (String user : List.of("postgres", "nobody")) {
            try {
                Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
                return user;
            } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
                // try the next one
            }
        }
        throw new IOException("running as root, and PostgreSQL refuses to: no user 'postgres' or 'nobody' to run it as");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a leftover folder under /tmp is harmless
        }
    }

    @Override
    public String toString() {
        return "PostgresServer{127.0.0.1:" + port + ", " + folder + "}";
    }
}
