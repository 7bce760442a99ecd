package io.antrest.gateway;

import io.antrest.gateway.spi.GatewaySettingsException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The Redis side of a shared budget, through Lettuce: three server-side scripts (spend, raise a
 * count to what the exchange reported, pause) that run atomically in Redis, and a subscription to
 * the pauses other processes announce. Every call either answers within the sharing's timeout or
 * throws {@link Unavailable}; the caller then falls back. Nothing here retries or waits longer.
 */
final class RedisLedger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLedger.class);

    /**
     * Spends in every bucket a request touches, all or nothing. KEYS, three per bucket: its count in
     * the current window, its pause, its group's pause (a ban). ARGV: now (ms), then four per bucket:
     * the units needed, the units wanted (needed plus a lease), the limit, the count's time to live (ms).
     * Answers {-1, until} when paused, {-2, i} when bucket i has no room (a bucket with nothing
     * spent yet lets a request heavier than its limit through alone), else {0, granted1, count1, ...}.
     */
    static final String SPEND = """
            local now = tonumber(ARGV[1])
            local n = #KEYS / 3
            local paused = 0
            for i = 1, n do
              for j = 2, 3 do
                local p = tonumber(redis.call('GET', KEYS[(i - 1) * 3 + j]) or '0')
                if p > now and p > paused then paused = p end
              end
            end
            if paused > 0 then return {-1, paused} end
            local used = {}
            for i = 1, n do
              local a = 1 + (i - 1) * 4
              local u = tonumber(redis.call('GET', KEYS[(i - 1) * 3 + 1]) or '0')
              if u > 0 and u + tonumber(ARGV[a + 1]) > tonumber(ARGV[a + 3]) then return {-2, i} end
              used[i] = u
            end
            local out = {0}
            for i = 1, n do
              local a = 1 + (i - 1) * 4
              local need = tonumber(ARGV[a + 1])
              local grant = math.max(need, math.min(tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3]) - used[i]))
              local key = KEYS[(i - 1) * 3 + 1]
              local count = redis.call('INCRBY', key, grant)
              redis.call('PEXPIRE', key, ARGV[a + 4])
              out[#out + 1] = grant
              out[#out + 1] = count
            end
            return out
            """;
    /**
     * Raises KEYS[1] to ARGV[1], never lowers it, and lets it live ARGV[2] ms when raised; with
     * ARGV[3] and ARGV[4], then publishes message ARGV[4] on channel ARGV[3]. Raises a count to what
     * the exchange reported, and pauses a bucket or group until a time (ms) without shortening a
     * pause. Times are the exchange's clock, which Redis's own may differ from: keys expire relative
     * to now. Answers the value kept.
     */
    static final String RAISE = """
            local u = tonumber(ARGV[1])
            local c = tonumber(redis.call('GET', KEYS[1]) or '0')
            if u > c then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              c = u
            end
            if ARGV[3] then redis.call('PUBLISH', ARGV[3], ARGV[4]) end
            return c
            """;

    /** Redis could not be asked: unreachable, slow, or it failed. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private static final java.time.Duration HANDSHAKE = java.time.Duration.ofSeconds(5);

    private final BudgetSharing sharing;
    private final String channel;
    private final RedisClient client;
    private final RedisURI uri;
    private final BiConsumer<String, String> onMessage;
    private final Runnable onDisconnect;
    private final String spendSha = sha1(SPEND);
    private final String raiseSha = sha1(RAISE);
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile boolean closing;
    private final boolean connectedAtStart;

    /**
     * A ledger on the sharing's Redis, connecting at once if it can (a Redis that is down now is
     * tried again by {@link #probe()}).
     *
     * @param channel      the pub/sub channel of this exchange's pauses
     * @param onMessage    told (channel, message) of every pause announced on it
     * @param onDisconnect told when a connection to Redis is lost (Lettuce reconnects by itself)
     * @throws GatewaySettingsException when Redis refuses the password or the user
     */
    RedisLedger(BudgetSharing sharing, String channel, BiConsumer<String, String> onMessage, Runnable onDisconnect) {
        this.sharing = sharing;
        this.channel = channel;
        this.onMessage = onMessage;
        this.onDisconnect = onDisconnect;
        RedisURI.Builder b = RedisURI.builder().withHost(sharing.host().orElseThrow()).withPort(sharing.port())
                .withDatabase(sharing.database()).withSsl(sharing.tls())
                // the hand-shake of a new connection (HELLO, AUTH, SELECT) may take a cold JVM longer than
                // a command: every command keeps to the sharing's own timeout (TimeoutOptions below)
                .withTimeout(HANDSHAKE.compareTo(sharing.timeout()) > 0 ? HANDSHAKE : sharing.timeout());
        if (sharing.password().isPresent()) {
            char[] pw = sharing.password().get().toCharArray();
            b = sharing.user().isPresent() ? b.withAuthentication(sharing.user().get(), pw) : b.withPassword(pw);
        }
        this.uri = b.build();
        this.client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(sharing.timeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(sharing.timeout()).build())
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                if (!closing) {
                    RedisLedger.this.onDisconnect.run();
                }
            }
        });
        boolean connected = false;
        try {
            connect();
            connected = true;
        } catch (Unavailable e) {
            if (refusedCredentials(e)) {
                close();
                throw new GatewaySettingsException("budget " + sharing + ": Redis refused the "
                        + (sharing.password().isPresent() ? "user or password" : "connection without a password")
                        + " (" + firstLine(e.getCause()) + "): give the password Redis expects, as redis://:PASSWORD@HOST"
                        + " or redis://USER:PASSWORD@HOST (from ${env:NAME} in the settings file)");
            }
            if (unknownHost(e)) {
                close();
                throw new GatewaySettingsException("budget " + sharing + ": no such host, '" + sharing.host().orElse("")
                        + "' (" + firstLine(e.getCause()) + "): check the host name in the budget setting");
            }
            LOG.debug("budget {}: Redis is not reachable yet", sharing, e);
        }
        this.connectedAtStart = connected;
    }

    /** Whether the first connection attempt, made by the constructor, succeeded. */
    boolean connectedAtStart() {
        return connectedAtStart;
    }

    /** Connects the command and pub/sub connections if not yet connected. */
    private synchronized void connect() {
        try {
            // Lettuce reconnects by itself, but with back-off growing to 30 s: a connection found closed
            // is replaced at once, so that a probe sees a Redis that is back.
            if (connection != null && !connection.isOpen()) {
                connection.closeAsync();
                connection = null;
            }
            if (pubSub != null && !pubSub.isOpen()) {
                pubSub.closeAsync();
                pubSub = null;
            }
            if (connection == null) {
                connection = client.connect(StringCodec.UTF8, uri);
            }
            if (pubSub == null) {
                StatefulRedisPubSubConnection<String, String> ps = client.connectPubSub(StringCodec.UTF8, uri);
                ps.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String ch, String message) {
                        onMessage.accept(ch, message);
                    }
                });
                ps.sync().subscribe(channel);
                pubSub = ps;
            }
        } catch (RedisException e) {
            throw new Unavailable(firstLine(e), e);
        }
    }

    /** Whether Redis answers now: connects if not connected, else pings, within the timeout. */
    CompletableFuture<Boolean> probe() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                connect();
                return "PONG".equals(connection.sync().ping());
            } catch (RuntimeException e) {
                LOG.debug("budget {}: Redis does not answer yet: {}", sharing, firstLine(e));
                return false;
            }
        });
    }

    /**
     * Runs {@link #SPEND}.
     *
     * @throws Unavailable when Redis is unreachable, slow or failing
     */
    List<Object> spend(String[] keys, String[] args) {
        return eval(spendSha, SPEND, keys, args);
    }

    /** Runs {@link #RAISE}, not waiting for the answer. */
    void raise(String key, long used, long ttlMillis) {
        evalAsync(raiseSha, RAISE, new String[] {key}, new String[] {Long.toString(used), Long.toString(ttlMillis)});
    }

    /**
     * Pauses a bucket or group until {@code untilMillis}, never shortening a pause, and announces it
     * ({@link #RAISE}), not waiting for the answer; the key lives {@code ttlMillis}.
     */
    void pause(String key, long untilMillis, long ttlMillis, String message) {
        evalAsync(raiseSha, RAISE, new String[] {key},
                new String[] {Long.toString(untilMillis), Long.toString(Math.max(1, ttlMillis)), channel, message});
    }

    private List<Object> eval(String sha, String script, String[] keys, String[] args) {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            throw new Unavailable("not connected", null);
        }
        try {
            try {
                return c.sync().evalsha(sha, ScriptOutputType.MULTI, keys, args);
            } catch (RedisNoScriptException e) {
                return c.sync().eval(script, ScriptOutputType.MULTI, keys, args);
            }
        } catch (RedisException e) {
            throw new Unavailable(firstLine(e), e);
        }
    }

    private void evalAsync(String sha, String script, String[] keys, String[] args) {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            return;
        }
        try {
            c.async().evalsha(sha, ScriptOutputType.INTEGER, keys, args).exceptionally(e -> {
                if (e instanceof RedisNoScriptException || e.getCause() instanceof RedisNoScriptException) {
                    c.async().eval(script, ScriptOutputType.INTEGER, keys, args).exceptionally(again -> {
                        notApplied(again);
                        return null;
                    });
                } else {
                    notApplied(e);
                }
                return null;
            });
        } catch (RedisException e) {
            LOG.debug("budget {}: an update was not sent: {}", sharing, firstLine(e));
        }
    }

    /** An update that failed: expected while Redis is away (debug), a fault of ours if Redis refused the script. */
    private void notApplied(Throwable e) {
        String why = firstLine(e);
        if (why.startsWith("ERR")) {
            LOG.warn("budget {}: Redis refused an update: {}", sharing, why);
        } else {
            LOG.debug("budget {}: an update was not applied: {}", sharing, why);
        }
    }

    /** Closes the connections (once; later calls do nothing). */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        client.shutdownAsync(0, 1, TimeUnit.SECONDS);
    }

    private static boolean unknownHost(Throwable e) {
        return anyCause(e, t -> t instanceof java.net.UnknownHostException);
    }

    private static boolean refusedCredentials(Throwable e) {
        return anyCause(e, t -> {
            String m = String.valueOf(t.getMessage()).toUpperCase(Locale.ROOT);
            return m.contains("WRONGPASS") || m.contains("NOAUTH") || m.contains("INVALID PASSWORD")
                    || m.contains("INVALID USERNAME-PASSWORD") || m.contains("AUTH <PASSWORD> CALLED WITHOUT");
        });
    }

    /** Whether {@code e} or any of its causes is so. */
    private static boolean anyCause(Throwable e, java.util.function.Predicate<Throwable> is) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (is.test(t)) {
                return true;
            }
        }
        return false;
    }

    /** The first line of the deepest message: Lettuce's own wrap the server's answer, which is what helps. */
    static String firstLine(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String m = deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java platform", e);
        }
    }
}
