package io.antrest.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.antrest.app.config.ContractStoreSettings;
import io.antrest.core.Redactor;
import io.antrest.gateway.ContractStore;
import io.antrest.gateway.ContractStoreException;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * The contract store of a running antrest and, for a database server such as PostgreSQL, the
 * HikariCP connection pool under it: at most {@code antrest.contracts.pool-size} connections, none
 * kept while idle, each waited for at most {@code antrest.contracts.connect-timeout} before the
 * store fails with the database's reason. The pool connects only when the store is first used, so
 * a database that is down at start-up is retried with the gateways. The embedded H2 database is
 * opened per use, without a pool. {@link #close()} closes the pool.
 */
final class PooledContractStore implements AutoCloseable {
    /** The pool's name in HikariCP's log lines and threads. */
    static final String POOL_NAME = "antrest-contracts";
    /** How long an unused connection stays open: HikariCP's shortest. */
    private static final long IDLE_TIMEOUT_MS = 10_000;

    private final ContractStore store;
    private final HikariDataSource pool;

    private PooledContractStore(ContractStore store, HikariDataSource pool) {
        this.store = store;
        this.pool = pool;
    }

    /** The store these settings describe, with its pool where the database is a server. */
    static PooledContractStore open(ContractStoreSettings settings, Clock clock) {
        requireNonNull(settings, "settings is null");
        requireNonNull(clock, "clock is null");
        if (!settings.pooled()) {
            return new PooledContractStore(new ContractStore(settings.jdbcUrl(), settings.user().orElse(null),
                    settings.password().orElse(null), clock), null);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(settings.jdbcUrl());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(0);
        config.setIdleTimeout(IDLE_TIMEOUT_MS);
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        // Not at construction: a database that is down now fails the first use, which is retried.
        config.setInitializationFailTimeout(-1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            // HikariCP repeats the URL, password and all, in some of its messages.
            throw new ContractStoreException("could not make the connection pool of the contract store "
                    + Redactor.url(settings.jdbcUrl()) + ": " + Redactor.url(String.valueOf(e.getMessage())), null);
        }
        return new PooledContractStore(new ContractStore(pool, settings.jdbcUrl(), clock), pool);
    }

    /** The store. */
    ContractStore store() {
        return store;
    }

    /** Closes the pool and its connections; the store is not to be used after. */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "PooledContractStore{" + store.url() + (pool != null ? ", pool of " + pool.getMaximumPoolSize() : "") + "}";
    }
}
