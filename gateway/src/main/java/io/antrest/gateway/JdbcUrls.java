package io.antrest.gateway;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Checks a contract store's JDBC URL before anything connects, so that a URL which can never
 * work is refused once, naming the problem, instead of failing at every connect: some JDBC driver
 * must accept it, and an H2 file database's directory must exist or be creatable, and be
 * writable. Used by the distribution on {@code antrest.contracts.jdbc-url} and {@code --db};
 * embedders may call it on their own settings.
 */
public final class JdbcUrls {
    private static final String H2 = "jdbc:h2:";
    private static final String H2_MEMORY = "jdbc:h2:mem:";

    private JdbcUrls() {
    }

    /**
     * What is wrong with the URL, worded to follow its setting's name ("... is accepted by no JDBC
     * driver ..."), or empty when it looks usable. It never repeats the URL (which may hold a
     * password). Checking an H2 file URL creates the database's directory, as H2 would.
     */
    public static Optional<String> problem(String jdbcUrl) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        if (!jdbcUrl.startsWith("jdbc:")) {
            return Optional.of("is not a JDBC URL: write one such as jdbc:h2:file:/var/lib/antrest/contracts or"
                    + " jdbc:postgresql://host/antrest");
        }
        try {
            DriverManager.getDriver(jdbcUrl);
        } catch (SQLException e) {
            return Optional.of("is accepted by no JDBC driver on the path (database type '" + type(jdbcUrl) + "'): add "
                    + ContractStore.driverFor(jdbcUrl) + ", or use the embedded H2 database, jdbc:h2:file:PATH");
        }
        return h2File(jdbcUrl).flatMap(JdbcUrls::unwritable);
    }

    /** Whether the URL is an H2 in-memory database, which lives only as long as the process. */
    public static boolean inMemory(String jdbcUrl) {
        return requireNonNull(jdbcUrl, "jdbcUrl is null").toLowerCase(Locale.ROOT).startsWith(H2_MEMORY);
    }

    /**
     * An H2 in-memory URL kept open for the life of the process ({@code DB_CLOSE_DELAY=-1}): without
     * it, H2 drops the database, table and all, whenever its last connection closes, which for a
     * store that opens a connection per operation is after every one. Any other URL is returned as is.
     */
    static String keptOpen(String jdbcUrl) {
        if (inMemory(jdbcUrl) && !jdbcUrl.toUpperCase(Locale.ROOT).contains(";DB_CLOSE_DELAY=")) {
            return jdbcUrl + ";DB_CLOSE_DELAY=-1";
        }
        return jdbcUrl;
    }

    /** {@code h2}, {@code postgresql}, …: the part after {@code jdbc:}. */
    private static String type(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:".length());
        int colon = rest.indexOf(':');
        String t = colon < 0 ? rest : rest.substring(0, colon);
        return t.length() > 40 || !t.matches("[A-Za-z0-9_.\\-]*") ? "?" : t;
    }

    /** The file an H2 URL names ({@code jdbc:h2:file:PATH} or {@code jdbc:h2:PATH}), if it names one. */
    private static Optional<Path> h2File(String jdbcUrl) {
        if (!jdbcUrl.startsWith(H2)) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring(H2.length());
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            rest = rest.substring(0, semicolon);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (rest.matches("[A-Za-z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:… are not a local file
        }
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        try {
            return Optional.of(Path.of(rest).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Why H2 could not write its files beside {@code database}, if it could not. */
    private static Optional<String> unwritable(Path database) {
        Path directory = database.getParent();
        if (directory == null) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".antrest-", ".probe");
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName();
            return Optional.of("names an H2 database in the directory " + directory + ", which cannot be "
                    + (Files.isDirectory(directory) ? "written" : "created") + " (" + reason + "): give a directory"
                    + " antrest's user may write, e.g. jdbc:h2:file:/var/lib/antrest/contracts");
        }
    }
}
