package io.antrest.app.config;

import io.antrest.core.CountBound;
import io.antrest.core.DurationBound;
import io.antrest.core.Redactor;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where the contract store is and how antrest reaches it: {@code antrest.contracts.jdbc-url},
 * {@code .user}, {@code .password}, {@code .pool-size} and {@code .connect-timeout}. A database
 * server (PostgreSQL) is reached through a small connection pool of at most {@link #poolSize()}
 * connections; the embedded H2 database, a file only this process opens, needs none. Immutable;
 * {@link #toString()} masks the password, and any password in the URL.
 *
 * @param jdbcUrl        the JDBC URL
 * @param user           the database user, if not in the URL
 * @param password       the user's password, if any; never printed
 * @param poolSize       the most connections the pool holds ({@link #POOL_SIZE})
 * @param connectTimeout how long a connection may take before the store gives up with an error
 *                       saying why ({@link #CONNECT_TIMEOUT})
 */
public record ContractStoreSettings(String jdbcUrl, Optional<String> user, Optional<String> password, int poolSize,
                                    Duration connectTimeout) {
    /** {@code antrest.contracts.pool-size}: 1 to 32 connections. */
    public static final CountBound POOL_SIZE = new CountBound("antrest.contracts.pool-size", 1, 32,
            "the most connections antrest holds open to the contract store's database");
    /** {@code antrest.contracts.connect-timeout}: 250 ms to 5 minutes. */
    public static final DurationBound CONNECT_TIMEOUT = new DurationBound("antrest.contracts.connect-timeout",
            Duration.ofMillis(250), Duration.ofMinutes(5),
            "how long antrest waits for a connection to the contract store's database");
    /** At most 4 connections: the store is used when gateways connect and check their contracts. */
    public static final int DEFAULT_POOL_SIZE = 4;
    /** 10 s to connect. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Checks the arguments. */
    public ContractStoreSettings {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        POOL_SIZE.check(poolSize);
        CONNECT_TIMEOUT.check(requireNonNull(connectTimeout, "connectTimeout is null"));
    }

    /** The store at this URL, with no user or password and the default pool. */
    public static ContractStoreSettings of(String jdbcUrl) {
        return new ContractStoreSettings(jdbcUrl, Optional.empty(), Optional.empty(), DEFAULT_POOL_SIZE,
                DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Whether connections come from a pool: for every database but the embedded H2 one
     * ({@code jdbc:h2:file:…}, {@code jdbc:h2:mem:…}), whose file is best left closed between uses.
     */
    public boolean pooled() {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        return !url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:");
    }

    @Override
    public String toString() {
        return "ContractStoreSettings{" + Redactor.url(jdbcUrl) + user.map(u -> ", user " + u).orElse("")
                + password.map(p -> ", password " + Redactor.MASK).orElse("") + ", pool-size " + poolSize
                + ", connect-timeout " + DurationBound.text(connectTimeout) + "}";
    }
}
