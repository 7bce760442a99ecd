package io.antrest.gateway;

import io.antrest.core.limit.RateLimitBudget;
import io.antrest.core.limit.Sharing;
import io.antrest.core.limit.Transit;
import io.antrest.gateway.spi.RateLimitRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One gateway's rate-limit buckets kept in Redis, shared by every process on the same exchange
 * account (and, for a rule the exchange counts per IP, the same address). Counts live in Redis per
 * bucket and window, spent by an atomic script all or nothing; to keep round trips off most
 * requests, a process takes a small lease ({@link BudgetSharing#lease()} of the limit, 2% by
 * default) with what it needs and spends it locally. A pause (429 Retry-After, 418 ban, a bucket the exchange says is
 * empty) is written to Redis and announced, so every process stops until it ends.
 *
 * <p>When Redis cannot be asked (unreachable, slower than the timeout, connection lost), the
 * process falls back: for the rest of the window it is in, it spends only what it had leased (the
 * others may have used the rest; a Redis that restarted has forgotten it); from the next window
 * on, {@link BudgetSharing#fallback()} of every limit, in this process alone. It asks Redis again
 * at most every second, and spends on its fallback only within a second of Redis last failing to
 * answer. When Redis answers again, it keeps to its fallback fraction for {@code 2 s + timeout}
 * more, now counted in Redis, so that a process that has not noticed yet cannot push the sum over;
 * then it shares in full. Thread-safe.
 */
final class SharedBuckets implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedBuckets.class);
    /** How often a process that fell back asks Redis again. */
    static final long PROBE_MILLIS = 1_000;
    /** Windows up to this long wait out the window Redis was lost in; longer ones (a day) fall back at once. */
    private static final long SHORT_WINDOW_MILLIS = 60_000;
    private static final long NO_WINDOW = Long.MIN_VALUE;

    /** What one request costs in one bucket. */
    record Charge(String bucket, RateLimitRule rule, String instrument, int units) {
    }

    /** A bucket's state in this process. */
    private static final class Slot {
        final String stem;
        final String group;
        long window = Long.MIN_VALUE;
        long lease;
        long granted;
        long spent;
        long seen;
        long pausedUntil;
        RateLimitBudget fallback;

        Slot(String stem, String group) {
            this.stem = stem;
            this.group = group;
        }
    }

    private enum Source { LEASE, REDIS, LOCAL }

    private final String gateway;
    private final BudgetSharing sharing;
    private final Clock clock;
    /** How long the gateway's requests take to be answered: the lead before a boundary (see {@link Transit}). */
    private final Transit transit;
    private final String prefix;
    private final String accountGroup;
    private final String ipGroup;
    private final RedisLedger redis;
    private final Map<String, Slot> slots = new HashMap<>();
    private final Map<String, Long> groupPauses = new HashMap<>();
    /** When Redis was last lost (ms, this clock); {@code Long.MIN_VALUE} when never. */
    private long lostAt = Long.MIN_VALUE;
    /** Whether the process is on its fallback (or rejoining) rather than sharing in full. */
    private boolean down;
    /** When Redis answered again after being lost; {@code Long.MIN_VALUE} while it has not. */
    private long backAt = Long.MIN_VALUE;
    /** When the last probe that found Redis unreachable was started. */
    private long failedProbeAt = Long.MIN_VALUE;
    private CompletableFuture<Boolean> probing;
    private Instant modeSince;
    private boolean closed;
    /** Set once the constructor is done: a connection lost while it runs (Redis refusing the password) is not an outage. */
    private boolean ready;

    /**
     * Buckets shared through {@code sharing}'s Redis.
     *
     * @param gateway      the gateway's name, for messages
     * @param exchange     the exchange's name: keys are {@code antrest:{exchange}:...}
     * @param accountGroup who counts for a rule per account, endpoint, instrument or orders (a digest of the API key)
     * @param ipGroup      who counts for a rule per IP (a digest of the exchange's address and the proxy)
     * @param clock        the exchange's clock (offset-corrected), in which windows turn
     * @throws io.antrest.gateway.spi.GatewaySettingsException when Redis refuses the credentials
     */
    SharedBuckets(String gateway, String exchange, BudgetSharing sharing, String accountGroup, String ipGroup, Clock clock) {
        this.gateway = gateway;
        this.sharing = sharing;
        this.clock = clock;
        this.transit = new Transit(clock);
        this.prefix = "antrest:{" + exchange + "}:";
        this.accountGroup = accountGroup;
        this.ipGroup = ipGroup;
        this.modeSince = clock.instant();
        this.redis = new RedisLedger(sharing, prefix + "pause", (channel, message) -> announced(message), this::lost);
        synchronized (this) {
            if (redis.connectedAtStart()) {
                LOG.info("gateway '{}': rate-limit buckets shared through {} (fallback {} of every limit)", gateway, sharing,
                        percent());
            } else {
                // Nothing was counted in Redis by this process: no window of its own to wait out.
                fallBack(clock.millis(), "not reachable at start");
                lostAt = Long.MIN_VALUE;
            }
            ready = true;
        }
    }

    /** How long the gateway's requests take to be answered, heard by {@link ExchangeBudget#answered}. */
    Transit transit() {
        return transit;
    }

    /**
     * Spends every charge, all or nothing.
     *
     * @return 0 when spent; otherwise milliseconds to wait before asking again
     */
    synchronized long tryAcquire(List<Charge> charges) {
        long now = clock.millis();
        if (down && backAt != Long.MIN_VALUE && now >= backAt + rejoinMillis()) {
            down = false;
            backAt = Long.MIN_VALUE;
            modeSince = Instant.ofEpochMilli(now);
            LOG.info("gateway '{}': rate-limit buckets shared in full through {} again", gateway, sharing);
        }
        boolean rejoining = down && backAt != Long.MIN_VALUE;
        int n = charges.size();
        Slot[] touched = new Slot[n];
        Source[] source = new Source[n];
        long[] extra = new long[n];
        long wait = 0;
        int viaRedis = 0;
        for (int i = 0; i < n; i++) {
            Charge c = charges.get(i);
            Slot s = slot(c);
            touched[i] = s;
            long windowMillis = c.rule().window().toMillis();
            long start = windowStart(now, windowMillis);
            if (s.window != start) {
                s.window = start;
                s.lease = 0;
                s.granted = 0;
                s.spent = 0;
                s.seen = 0;
            }
            long guard = guard(windowMillis);
            long end = start + windowMillis + guard;
            // Within the guard after a boundary, or the transit's lead before one, the exchange may count
            // the request on either side of it: in both.
            extra[i] = now < start + guard ? start - windowMillis
                    : transit.inLead(now, start, windowMillis) ? start + windowMillis : NO_WINDOW;
            long paused = Math.max(s.pausedUntil, groupPauses.getOrDefault(s.group, 0L));
            if (paused > now) {
                wait = Math.max(wait, paused - now);
                continue;
            }
            if (extra[i] == NO_WINDOW && s.lease >= c.units()) {
                source[i] = Source.LEASE;
                continue;
            }
            if (lostAt != Long.MIN_VALUE && windowMillis <= SHORT_WINDOW_MILLIS) {
                long lost = windowStart(lostAt, windowMillis);
                if (start <= lost) {
                    wait = Math.max(wait, end - now);   // the window Redis was lost in: leases only
                    continue;
                }
                if (extra[i] != NO_WINDOW && extra[i] <= lost) {
                    wait = Math.max(wait, start + guard - now);
                    continue;
                }
            }
            if (!down || rejoining) {
                int cap = rejoining ? fallbackLimit(c.rule()) : c.rule().limit();
                if (rejoining && s.granted > 0 && s.granted + Math.max(0, c.units() - s.lease) > cap) {
                    wait = Math.max(wait, end - now);
                    continue;
                }
                source[i] = Source.REDIS;
                viaRedis += extra[i] == NO_WINDOW ? 1 : 2;
                continue;
            }
            if (now - failedProbeAt > PROBE_MILLIS) {
                probe(now);
                wait = Math.max(wait, Math.min(20, sharing.timeout().toMillis()));
                continue;
            }
            if (s.fallback == null) {
                s.fallback = RateLimitBudget.perWindow(fallbackLimit(c.rule()), c.rule().window(), clock, transit);
            }
            long w = s.fallback.waitFor(c.units());
            if (w > 0) {
                wait = Math.max(wait, w);
                continue;
            }
            source[i] = Source.LOCAL;
        }
        if (wait > 0) {
            return wait;
        }
        if (viaRedis > 0) {
            long w = fromRedis(charges, touched, source, extra, viaRedis, now, rejoining);
            if (w != 0) {
                return w;
            }
        }
        for (int i = 0; i < n; i++) {
            int units = charges.get(i).units();
            if (source[i] == Source.LOCAL) {
                touched[i].fallback.spend(units);
            } else {
                touched[i].lease = Math.max(0, touched[i].lease - units);
            }
            touched[i].spent += units;
        }
        return 0;
    }

    /**
     * Tops up the leases of the charges marked {@link Source#REDIS}, and spends in the window on the
     * other side of a boundary the charges {@code extra} names; 0 when granted, else what to wait.
     */
    private long fromRedis(List<Charge> charges, Slot[] touched, Source[] source, long[] extra, int count, long now,
                           boolean rejoining) {
        String[] keys = new String[count * 3];
        String[] args = new String[1 + count * 4];
        int[] index = new int[count];
        long[] windowOf = new long[count];
        args[0] = Long.toString(now);
        int k = 0;
        for (int i = 0; i < charges.size(); i++) {
            if (source[i] != Source.REDIS) {
                continue;
            }
            Charge c = charges.get(i);
            Slot s = touched[i];
            long need = Math.max(0, c.units() - s.lease);
            long want = need == 0 ? 0 : rejoining ? Math.max(need, fallbackLimit(c.rule()) - s.granted)
                    : need + (long) Math.floor(c.rule().limit() * sharing.lease());
            k = entry(keys, args, k, s, s.window, need, want, c.rule());
            index[k - 1] = i;
            windowOf[k - 1] = s.window;
            if (extra[i] != NO_WINDOW) {
                k = entry(keys, args, k, s, extra[i], c.units(), c.units(), c.rule());
                index[k - 1] = i;
                windowOf[k - 1] = extra[i];
            }
        }
        List<Object> answer;
        try {
            answer = redis.spend(keys, args);
        } catch (RedisLedger.Unavailable e) {
            fallBack(now, e.getMessage());
            return 1;
        }
        long verdict = (Long) answer.get(0);
        if (verdict == -1) {
            long until = (Long) answer.get(1);
            for (int j = 0; j < count; j++) {
                touched[index[j]].pausedUntil = Math.max(touched[index[j]].pausedUntil, until);
            }
            return Math.max(1, until - now);
        }
        if (verdict == -2) {
            int j = (int) ((Long) answer.get(1) - 1);
            int i = index[j];
            long windowMillis = charges.get(i).rule().window().toMillis();
            if (windowOf[j] == touched[i].window) {
                touched[i].seen = Math.max(touched[i].seen, charges.get(i).rule().limit());
            }
            // a full window is out of reach once it is a guard's length behind
            return Math.max(1, windowOf[j] + windowMillis + guard(windowMillis) - now);
        }
        for (int j = 0; j < count; j++) {
            Slot s = touched[index[j]];
            if (windowOf[j] != s.window) {
                continue;   // the other side of a boundary: spent, no lease
            }
            long grant = (Long) answer.get(1 + j * 2);
            s.lease += grant;
            s.granted += grant;
            s.seen = Math.max(s.seen, (Long) answer.get(2 + j * 2));
        }
        return 0;
    }

    /** Writes one bucket-and-window entry of {@link RedisLedger#SPEND} at entry {@code k}; the next entry's index. */
    private int entry(String[] keys, String[] args, int k, Slot s, long window, long need, long want, RateLimitRule rule) {
        keys[k * 3] = s.stem + ":" + window;
        keys[k * 3 + 1] = s.stem + ":pause";
        keys[k * 3 + 2] = groupPauseKey(s.group);
        args[1 + k * 4] = Long.toString(need);
        args[2 + k * 4] = Long.toString(want);
        args[3 + k * 4] = Integer.toString(rule.limit());
        args[4 + k * 4] = Long.toString(keyMillis(rule.window().toMillis()));
        return k + 1;
    }

    /**
     * The exchange said how much of a bucket is used (or how much remains): the shared count is
     * raised to it, never lowered; a bucket the exchange says is spent loses its lease, and, with a
     * time it resets, is paused for every process until then.
     */
    synchronized void observe(Charge bucket, long usedByExchange, Instant resetWhenEmpty) {
        long now = clock.millis();
        Slot s = slot(bucket);
        long windowMillis = bucket.rule().window().toMillis();
        long start = windowStart(now, windowMillis);
        if (now < start + guard(windowMillis)) {
            start -= windowMillis;   // just after a boundary, the exchange most likely spoke of the window before
        }
        if (s.window == start) {
            s.seen = Math.max(s.seen, usedByExchange);
            if (usedByExchange >= bucket.rule().limit()) {
                s.lease = 0;
            }
        }
        if (!down) {
            redis.raise(s.stem + ":" + start, usedByExchange, keyMillis(windowMillis));
        }
        if (resetWhenEmpty != null && resetWhenEmpty.toEpochMilli() > now) {
            pause(List.of(bucket), Math.min(resetWhenEmpty.toEpochMilli(), now + windowMillis + guard(windowMillis)));
        }
    }

    /** Lets nothing through these buckets, in any process, until {@code untilMillis}. */
    synchronized void pause(List<Charge> buckets, long untilMillis) {
        for (Charge c : buckets) {
            Slot s = slot(c);
            s.pausedUntil = Math.max(s.pausedUntil, untilMillis);
            redis.pause(s.stem + ":pause", untilMillis, pauseTtl(untilMillis), s.stem + "\t" + untilMillis);
        }
    }

    /** Lets nothing through any bucket of the account or the address, in any process, until {@code untilMillis} (a ban). */
    synchronized void pauseAll(long untilMillis) {
        for (String group : List.of(accountGroup, ipGroup)) {
            groupPauses.merge(group, untilMillis, Math::max);
            redis.pause(groupPauseKey(group), untilMillis, pauseTtl(untilMillis), groupPauseKey(group) + "\t" + untilMillis);
        }
    }

    /**
     * How long a pause's key lives in Redis: until the pause ends by our clock and a second more (the
     * scripts compare it with the caller's clock; a key that outlives its pause changes nothing).
     */
    private long pauseTtl(long untilMillis) {
        return untilMillis - clock.millis() + 1_000;
    }

    /** A pause another process announced: {@code stem TAB until}, or a group's pause key {@code TAB until}. */
    private synchronized void announced(String message) {
        int tab = message.indexOf('\t');
        if (tab < 0) {
            return;
        }
        long until;
        try {
            until = Long.parseLong(message.substring(tab + 1));
        } catch (NumberFormatException e) {
            return;
        }
        String key = message.substring(0, tab);
        for (String group : List.of(accountGroup, ipGroup)) {
            if (key.equals(groupPauseKey(group))) {
                groupPauses.merge(group, until, Math::max);
                return;
            }
        }
        for (Slot s : slots.values()) {
            if (s.stem.equals(key)) {
                s.pausedUntil = Math.max(s.pausedUntil, until);
            }
        }
    }

    /** The units of a bucket used in its current window, as far as this process knows. */
    synchronized long used(Charge bucket) {
        Slot s = slots.get(bucket.bucket());
        if (s == null || s.window != windowStart(clock.millis(), bucket.rule().window().toMillis())) {
            return 0;
        }
        return Math.max(s.seen, s.spent);
    }

    /** Whether sharing works now. */
    synchronized Sharing sharing() {
        return new Sharing(down ? Sharing.Mode.FALLBACK : Sharing.Mode.SHARED, sharing.toString(), modeSince);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        redis.close();
    }

    /** A connection to Redis was lost. */
    private void lost() {
        synchronized (this) {
            if (ready && !closed) {
                fallBack(clock.millis(), "the connection was lost");
            }
        }
    }

    private void fallBack(long now, String why) {
        if (!down || backAt != Long.MIN_VALUE) {
            lostAt = now;
            boolean first = !down;
            down = true;
            backAt = Long.MIN_VALUE;
            modeSince = Instant.ofEpochMilli(now);
            failedProbeAt = now;
            LOG.warn("gateway '{}': shared budget {} unreachable ({}); {}this process keeps to {} of every limit{}"
                            + " until Redis answers", gateway, sharing, why, first ? "" : "again: ", percent(),
                    ready ? " (from the next window on: in this one, only what it had leased)" : "");
        }
    }

    private void probe(long now) {
        if (probing != null && !probing.isDone()) {
            return;
        }
        long started = now;
        probing = redis.probe();
        probing.thenAccept(up -> {
            synchronized (SharedBuckets.this) {
                if (!up) {
                    failedProbeAt = started;
                } else if (down && backAt == Long.MIN_VALUE) {
                    backAt = clock.millis();
                    LOG.info("gateway '{}': shared budget {} reachable again; keeping to {} of every limit, now counted"
                            + " in Redis, for {} ms, then sharing in full", gateway, sharing, percent(),
                            rejoinMillis());
                }
            }
        });
    }

    private Slot slot(Charge c) {
        Slot s = slots.get(c.bucket());
        if (s == null) {
            String group = c.rule().scope() == RateLimitRule.Scope.IP ? ipGroup : accountGroup;
            String stem = prefix + group + ":" + c.rule().name()
                    + (c.instrument().isEmpty() ? "" : ":" + c.instrument());
            s = new Slot(stem, group);
            slots.put(c.bucket(), s);
        }
        return s;
    }

    private String groupPauseKey(String group) {
        return prefix + group + ":*:pause";
    }

    private int fallbackLimit(RateLimitRule rule) {
        return (int) Math.max(1, Math.floor(rule.limit() * sharing.fallback()));
    }

    private String percent() {
        return String.format(Locale.ROOT, "%.0f%%", sharing.fallback() * 100);
    }

    /**
     * How long a process that found Redis again keeps to its fallback fraction (counted in Redis):
     * long enough for every other active process to have probed and noticed too.
     */
    private long rejoinMillis() {
        return 2 * PROBE_MILLIS + sharing.timeout().toMillis();
    }

    /** How long Redis keeps a bucket's count for a window: the window before, this one and the next are asked for. */
    private static long keyMillis(long windowMillis) {
        return 3 * windowMillis + 1_000;
    }

    /** As {@link RateLimitBudget}: within this after a boundary, a request counts in the window before it too. */
    private static long guard(long windowMillis) {
        return RateLimitBudget.guard(windowMillis);
    }

    private static long windowStart(long now, long windowMillis) {
        return now - Math.floorMod(now, windowMillis);
    }

    @Override
    public String toString() {
        return "SharedBuckets{" + gateway + ", " + sharing + "}";
    }
}
