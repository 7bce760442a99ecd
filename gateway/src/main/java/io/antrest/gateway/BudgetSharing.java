package io.antrest.gateway;

import io.antrest.core.DurationBound;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where a gateway keeps its rate-limit buckets: in this process alone ({@link #LOCAL}, the
 * default), or in a Redis server shared by every process on the same exchange account
 * ({@code redis://host:port/db}, {@code rediss://} for TLS, a password as
 * {@code redis://:PASSWORD@host}, or {@code redis://USER:PASSWORD@host} for a Redis ACL user).
 * Processes sharing one Redis never send more together than the exchange allows one of them.
 *
 * <p>While Redis is unreachable (or slower than {@link #timeout()}), each process keeps to
 * {@link #fallback()} of every limit: set it to at most 1 / the number of processes sharing.
 * Immutable; {@link #toString()} never shows the password.
 */
public final class BudgetSharing {
    /** The default fallback fraction: four processes on one account stay within every limit. */
    public static final double DEFAULT_FALLBACK = 0.25;
    /** The default lease: a process takes this fraction of a limit beyond what a request needs, and spends it without asking Redis. */
    public static final double DEFAULT_LEASE = 0.02;
    /** The default wait for Redis before a process falls back: a slow Redis is a missing one. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
    /** How long a process waits for an answer from Redis. */
    public static final DurationBound TIMEOUT = new DurationBound("budget-timeout (gateway.NAME.budget-timeout)",
            Duration.ofMillis(10), Duration.ofSeconds(10), "how long a process waits for Redis before it falls back");

    /** Buckets in this process alone. */
    public static final BudgetSharing LOCAL = new BudgetSharing(null, false, null, 0, 0, null, null, DEFAULT_FALLBACK,
            DEFAULT_LEASE, DEFAULT_TIMEOUT);

    private final String scheme;
    private final boolean tls;
    private final String host;
    private final int port;
    private final int database;
    private final String user;
    private final String password;
    private final double fallback;
    private final double lease;
    private final Duration timeout;

    private BudgetSharing(String scheme, boolean tls, String host, int port, int database, String user, String password,
                          double fallback, double lease, Duration timeout) {
        this.scheme = scheme;
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.fallback = fallback;
        this.lease = lease;
        this.timeout = timeout;
    }

    /**
     * Reads a budget setting: {@code local}, or a Redis URL {@code redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]}
     * ({@code rediss://} for TLS; port 6379 and database 0 by default).
     *
     * @throws IllegalArgumentException naming what is wrong (never repeating a password)
     */
    public static BudgetSharing parse(String setting) {
        requireNonNull(setting, "setting is null");
        String s = setting.trim();
        if (s.equalsIgnoreCase("local")) {
            return LOCAL;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("redis://") && !lower.startsWith("rediss://")) {
            return fail("is neither 'local' nor a Redis URL: write local, or redis://HOST:PORT[/DB]"
                    + " (rediss:// for TLS, redis://:PASSWORD@HOST for a password)");
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            return fail("is not a valid URL (" + (e.getIndex() >= 0 ? "at character " + e.getIndex() + ": " : "")
                    + e.getReason() + "): write redis://HOST:PORT[/DB]");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return fail("names no host: write redis://HOST:PORT[/DB], e.g. redis://127.0.0.1:6379");
        }
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        if (port < 1 || port > 65_535) {
            return fail("has port " + port + ": give 1 to 65535 (Redis listens on 6379 unless told otherwise)");
        }
        int database = 0;
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            String db = path.substring(1);
            if (!db.matches("\\d{1,4}")) {
                return fail("has '" + db + "' where the database number goes: write redis://HOST:PORT/0 (0 to 9999)");
            }
            database = Integer.parseInt(db);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return fail("has a query or fragment, which means nothing here: write redis://HOST:PORT[/DB]");
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            String u = colon < 0 ? info : info.substring(0, colon);
            String p = colon < 0 ? null : info.substring(colon + 1);
            if (p == null) {
                return fail("has 'NAME@' but no password: write redis://:PASSWORD@HOST, or redis://USER:PASSWORD@HOST");
            }
            user = u.isEmpty() ? null : URLDecoder.decode(u, StandardCharsets.UTF_8);
            password = URLDecoder.decode(p, StandardCharsets.UTF_8);
            if (password.isEmpty()) {
                return fail("has an empty password: leave out the ':@' part, or give the password");
            }
        }
        boolean tls = lower.startsWith("rediss://");
        return new BudgetSharing(tls ? "rediss" : "redis", tls, host, port, database, user, password, DEFAULT_FALLBACK,
                DEFAULT_LEASE, DEFAULT_TIMEOUT);
    }

    private static BudgetSharing fail(String problem) {
        throw new IllegalArgumentException("the budget setting " + problem);
    }

    /**
     * The same sharing with another fallback fraction: what each process keeps to, of every limit,
     * while Redis is unreachable.
     *
     * @param fraction above 0, at most 1
     */
    public BudgetSharing withFallback(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("budget-fallback is " + fraction + ": give a fraction above 0 and at most 1,"
                    + " at most 1 / the number of processes sharing the account (0.25 for four)");
        }
        return new BudgetSharing(scheme, tls, host, port, database, user, password, fraction, lease, timeout);
    }

    /**
     * The same sharing with another lease: the fraction of a limit a process takes from Redis beyond
     * what a request needs, spent later without a round trip. Larger: fewer round trips, but what
     * is leased and not spent when a window ends is lost to everyone. 0: a round trip for every request.
     *
     * @param fraction from 0 to 0.5
     */
    public BudgetSharing withLease(double fraction) {
        if (!(fraction >= 0 && fraction <= 0.5)) {
            throw new IllegalArgumentException("budget-lease is " + fraction + ": give a fraction from 0 (a round trip to"
                    + " Redis for every request) to 0.5, such as 0.02");
        }
        return new BudgetSharing(scheme, tls, host, port, database, user, password, fallback, fraction, timeout);
    }

    /** The same sharing waiting at most {@code timeout} for Redis ({@link #TIMEOUT} bounds it). */
    public BudgetSharing withTimeout(Duration timeout) {
        TIMEOUT.check(timeout);
        return new BudgetSharing(scheme, tls, host, port, database, user, password, fallback, lease, timeout);
    }

    /**
     * What would keep this budget from ever working, found by connecting to Redis once: a host
     * that does not exist, a password or user Redis refuses, the Redis client missing from the
     * path. Empty when Redis answers, when it is only unreachable now (each process then falls
     * back until it answers), and for {@link #LOCAL}. Never repeats the password.
     */
    public Optional<String> problem() {
        if (!shared()) {
            return Optional.empty();
        }
        try {
            new RedisLedger(this, "antrest:check", (channel, message) -> { }, () -> { }).close();
            return Optional.empty();
        } catch (io.antrest.gateway.spi.GatewaySettingsException e) {
            return Optional.of(e.getMessage());
        } catch (NoClassDefFoundError e) {
            return Optional.of("budget " + this + " needs the Redis client Lettuce (io.lettuce:lettuce-core) on the path,"
                    + " which is missing: add it, or set the budget to local");
        }
    }

    /** Whether the buckets are shared through Redis. */
    public boolean shared() {
        return host != null;
    }

    /** Whether the connection to Redis is TLS ({@code rediss://}). */
    public boolean tls() {
        return tls;
    }

    /** Redis's host; empty for {@link #LOCAL}. */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** Redis's port (0 for {@link #LOCAL}). */
    public int port() {
        return port;
    }

    /** The Redis database number. */
    public int database() {
        return database;
    }

    /** The Redis ACL user, when one is named. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password, when one is given (never printed). */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The fraction of every limit each process keeps to while Redis is unreachable. */
    public double fallback() {
        return fallback;
    }

    /** The fraction of a limit a process leases beyond what a request needs. */
    public double lease() {
        return lease;
    }

    /** How long a process waits for Redis before it falls back. */
    public Duration timeout() {
        return timeout;
    }

    /** {@code local}, or the Redis URL with the password as {@code ****}. */
    @Override
    public String toString() {
        if (!shared()) {
            return "local";
        }
        String auth = password == null ? "" : (user == null ? "" : user) + ":****@";
        return scheme + "://" + auth + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BudgetSharing b && tls == b.tls && port == b.port && database == b.database
                && fallback == b.fallback && lease == b.lease && java.util.Objects.equals(host, b.host) && java.util.Objects.equals(user, b.user)
                && java.util.Objects.equals(password, b.password) && timeout.equals(b.timeout);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(host, port, database, user, fallback, lease, timeout);
    }
}
