package io.antrest.gateway;

import io.antrest.core.Request;
import io.antrest.core.limit.BucketUsage;
import io.antrest.core.limit.RateLimitBudget;
import io.antrest.core.limit.RequestBudget;
import io.antrest.core.limit.Sharing;
import io.antrest.core.limit.Transit;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.RateLimitCost;
import io.antrest.gateway.spi.RateLimitReading;
import io.antrest.gateway.spi.RateLimitRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Every rate-limit bucket of one gateway: a bucket per rule of the exchange, and per instrument
 * for a per-instrument rule. Before each attempt the engine spends what the request costs in
 * every bucket it touches ({@link Exchange#costOf}), all or nothing: a request that would
 * overdraw one bucket spends none and waits for the latest of them. Answer headers correct the
 * buckets they name; a throttle pauses the buckets of the request that met it. The rules are the
 * plugin's until the exchange states its own ({@link #adopt}). The buckets live in this process, or,
 * given a {@link BudgetSharing} with a Redis URL, in Redis, shared by every process on the same
 * account ({@link #sharing()} says which, and whether Redis is reachable). Thread-safe.
 */
public final class ExchangeBudget implements RequestBudget, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeBudget.class);
    /** Between a per-instrument rule's name and the instrument in a bucket's key. */
    private static final char SEPARATOR = '\u0000';

    private final String gateway;
    private final Exchange exchange;
    private final Clock clock;
    /** The rules kept to now, in the exchange's order; replaced whole by {@link #adopt}. */
    private volatile Map<String, RateLimitRule> rules;
    private final Map<String, RateLimitBudget> buckets = new ConcurrentHashMap<>();
    /** Rules the plugin named that the exchange does not state: costs in them are not spent, silently. */
    private final Set<String> unstated = ConcurrentHashMap.newKeySet();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** The buckets in Redis, or null when they are this process's alone. */
    private final SharedBuckets shared;
    /** In shared mode, every bucket spent in so far, for {@link #usage()}. */
    private final Map<String, SharedBuckets.Charge> sharedSeen = new ConcurrentHashMap<>();
    /** How long this gateway's requests take to be answered, for every bucket's lead before a boundary. */
    private final Transit transit;

    /**
     * The buckets of {@code exchange}'s rules.
     *
     * @param gateway  the gateway's name, for messages
     * @param exchange the plugin, asked for its rules now and for each request's cost later
     * @param clock    the clock the windows follow (the exchange's, offset-corrected)
     */
    public ExchangeBudget(String gateway, Exchange exchange, Clock clock) {
        this(gateway, exchange, clock, null);
    }

    /**
     * The buckets of a gateway's exchange, kept where {@link GatewaySettings#budget()} says: in this
     * process, or in a Redis shared by every process on the same account. Buckets of a rule the
     * exchange counts per account (or endpoint, instrument, orders) are shared by the processes with
     * the same API key; per IP, by those reaching the exchange at the same address through the same
     * proxy.
     *
     * @param gateway      the gateway's name, for messages
     * @param exchangeName the plugin's name ({@code binance}), in the shared keys
     * @param exchange     the plugin
     * @param clock        the exchange's clock (offset-corrected)
     * @param settings     the gateway's settings: its budget, credentials and proxy
     * @throws GatewaySettingsException when the plugin's rules are unusable, Lettuce is missing for a
     *                                  Redis budget, or Redis refuses the credentials
     */
    public static ExchangeBudget create(String gateway, String exchangeName, Exchange exchange, Clock clock,
                                        GatewaySettings settings) {
        SharedBuckets shared = settings.budget().shared()
                ? SharedBudgets.open(gateway, exchangeName, exchange.baseUrl(), clock, settings) : null;
        try {
            return new ExchangeBudget(gateway, exchange, clock, shared);
        } catch (RuntimeException e) {
            if (shared != null) {
                shared.close();
            }
            throw new GatewaySettingsException("exchange plugin '" + exchangeName + "' gave unusable rate limits: "
                    + e.getMessage() + "; report it to the plugin's authors", e);
        }
    }

    /** Hears how long an attempt took from being spent to its answer, for every bucket: see {@link Transit}. */
    @Override
    public void answered(Duration spentToAnswer) {
        transit.answered(spentToAnswer);
    }

    /**
     * What corrects these buckets after every attempt: the exchange's rate-limit headers, and pauses
     * on a 429 or 418 with a time to wait. Give it to the client as a listener.
     */
    public io.antrest.core.OutcomeListener feedback() {
        return new BudgetFeedback(gateway, exchange, this, clock);
    }

    /** As {@link #ExchangeBudget(String, Exchange, Clock)}, the buckets kept in {@code shared} (null: in this process). */
    ExchangeBudget(String gateway, Exchange exchange, Clock clock, SharedBuckets shared) {
        this.shared = shared;
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.exchange = requireNonNull(exchange, "exchange is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.transit = shared != null ? shared.transit() : new Transit(clock);
        this.rules = byName(requireNonNull(exchange.rateLimits(), "rateLimits() returned null"));
        for (RateLimitRule r : rules.values()) {
            if (r.scope() != RateLimitRule.Scope.INSTRUMENT) {
                buckets.put(r.name(), RateLimitBudget.perWindow(r.limit(), r.window(), clock, transit));
            }
        }
    }

    private Map<String, RateLimitRule> byName(List<RateLimitRule> list) {
        Map<String, RateLimitRule> out = new LinkedHashMap<>();
        for (RateLimitRule r : list) {
            if (out.putIfAbsent(requireNonNull(r, "a null rate-limit rule").name(), r) != null) {
                throw new IllegalStateException("exchange plugin '" + exchange.name() + "' names rate-limit rule '"
                        + r.name() + "' twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Keeps to the rules the exchange states from now on ({@link Exchange#rateLimits(io.antrest.core.Response)}):
     * a rule whose limit or window changed gets a new bucket that starts from what its old one had
     * used in the window, and its pause (a per-instrument rule, new buckets per instrument); a rule that is no
     * longer stated is no longer kept to, and what {@link Exchange#costOf} still charges in it is
     * not spent; a new rule gets a bucket. Changes are logged.
     *
     * @throws IllegalStateException when the list names a rule twice (nothing changes)
     */
    public synchronized void adopt(List<RateLimitRule> stated) {
        Map<String, RateLimitRule> next = byName(requireNonNull(stated, "stated is null"));
        Map<String, RateLimitRule> before = rules;
        if (next.equals(before)) {
            return;
        }
        // Spending is not synchronized: new buckets go in before the rules that name them, and old
        // ones leave after, so a request spent meanwhile always finds a bucket of one rule or the other.
        for (RateLimitRule r : next.values()) {
            RateLimitRule old = before.get(r.name());
            unstated.remove(r.name());
            if (r.equals(old) || r.scope() == RateLimitRule.Scope.INSTRUMENT) {
                continue;   // per-instrument buckets are made on first use
            }
            RateLimitBudget previous = old == null || old.scope() == RateLimitRule.Scope.INSTRUMENT ? null
                    : buckets.get(old.name());
            RateLimitBudget bucket = RateLimitBudget.perWindow(r.limit(), r.window(), clock, transit);
            if (previous != null && old.window().equals(r.window())) {
                bucket.observeUsed(previous.used());
            }
            Instant paused = previous == null ? null : previous.pausedUntil();
            if (paused != null) {
                bucket.pauseUntil(paused);
            }
            buckets.put(r.name(), bucket);
        }
        for (RateLimitRule old : before.values()) {
            if (!next.containsKey(old.name())) {
                unstated.add(old.name());
            }
        }
        rules = next;
        for (RateLimitRule old : before.values()) {
            RateLimitRule now = next.get(old.name());
            if (now == null || (!now.equals(old) && old.scope() == RateLimitRule.Scope.INSTRUMENT)) {
                forget(old);
            } else if (!now.equals(old) && now.scope() == RateLimitRule.Scope.INSTRUMENT) {
                buckets.remove(old.name());
            }
        }
        LOG.info("gateway '{}': rate limits as {} states them: {} (were {})", gateway, exchange.name(),
                describe(next.values()), describe(before.values()));
    }

    /** Drops the bucket(s) of a rule. */
    private void forget(RateLimitRule rule) {
        if (rule.scope() != RateLimitRule.Scope.INSTRUMENT) {
            buckets.remove(rule.name());
        } else {
            buckets.keySet().removeIf(k -> k.startsWith(rule.name() + SEPARATOR));
        }
    }

    private static String describe(Iterable<RateLimitRule> rules) {
        StringBuilder b = new StringBuilder("[");
        for (RateLimitRule r : rules) {
            b.append(b.length() > 1 ? ", " : "").append(r.name()).append(' ').append(r.limit()).append(" per ").append(r.window());
        }
        return b.append(']').toString();
    }

    /** The exchange's rules, in its order. */
    public List<RateLimitRule> rules() {
        return List.copyOf(rules.values());
    }

    /** The units used in the current window of a rule that is not per instrument; 0 for an unknown rule. */
    public long used(String rule) {
        return used(rule, "");
    }

    /** The units used in the current window of a rule's bucket for {@code instrument}; 0 when it has none yet. */
    public long used(String rule, String instrument) {
        RateLimitRule r = rules.get(requireNonNull(rule, "rule is null"));
        if (r == null) {
            return 0;
        }
        RateLimitBudget b = buckets.get(r.scope() == RateLimitRule.Scope.INSTRUMENT ? rule + SEPARATOR + instrument : rule);
        return b == null ? 0 : b.used();
    }

    @Override
    public synchronized long tryAcquire(Request request) {
        List<RateLimitCost> costs = costs(request);
        if (shared != null) {
            return shared.tryAcquire(charges(costs));
        }
        long wait = 0;
        List<RateLimitBudget> touched = new ArrayList<>(costs.size());
        for (RateLimitCost c : costs) {
            RateLimitBudget b = bucket(c.rule(), c.key());
            touched.add(b);
            if (b != null) {
                wait = Math.max(wait, b.waitFor(c.units()));
            }
        }
        if (wait > 0) {
            return wait;
        }
        for (int i = 0; i < costs.size(); i++) {
            RateLimitBudget b = touched.get(i);
            if (b != null) {
                b.spend(costs.get(i).units());
            }
        }
        return 0;
    }

    /** Corrects the buckets the answer's headers speak of. */
    public void observe(List<RateLimitReading> readings) {
        if (shared != null) {
            for (RateLimitReading r : readings) {
                SharedBuckets.Charge c = charge(r.rule(), r.key(), 0);
                if (c == null) {
                    continue;
                }
                if (r.used().isPresent()) {
                    shared.observe(c, r.used().getAsLong(), null);
                }
                if (r.remaining().isPresent()) {
                    long remaining = Math.max(0, r.remaining().getAsLong());
                    shared.observe(c, c.rule().limit() - remaining, remaining == 0 ? r.resetAt().orElse(null) : null);
                }
            }
            return;
        }
        for (RateLimitReading r : readings) {
            RateLimitBudget b = bucket(r.rule(), r.key());
            if (b == null) {
                continue;
            }
            if (r.used().isPresent()) {
                b.observeUsed(r.used().getAsLong());
            }
            if (r.remaining().isPresent()) {
                b.observeRemaining(r.remaining().getAsLong(), r.resetAt().orElse(null));
            }
        }
    }

    /**
     * Lets nothing through the buckets {@code request} touches until {@code until} (the exchange
     * throttled it); with {@code all}, nothing through any bucket (a ban).
     */
    public void pause(Request request, Instant until, boolean all) {
        if (shared != null) {
            if (all) {
                shared.pauseAll(until.toEpochMilli());
            } else {
                shared.pause(charges(costs(request)), until.toEpochMilli());
            }
            return;
        }
        if (all) {
            buckets.values().forEach(b -> b.pauseUntil(until));
            return;
        }
        for (RateLimitCost c : costs(request)) {
            RateLimitBudget b = bucket(c.rule(), c.key());
            if (b != null) {
                b.pauseUntil(until);
            }
        }
    }

    @Override
    public List<BucketUsage> usage() {
        if (shared != null) {
            return sharedUsage();
        }
        List<BucketUsage> out = new ArrayList<>();
        for (RateLimitRule r : rules.values()) {
            RateLimitBudget b = r.scope() == RateLimitRule.Scope.INSTRUMENT ? null : buckets.get(r.name());
            if (b != null) {
                out.add(new BucketUsage(r.name(), b.used(), b.limit(), b.window()));
            }
        }
        buckets.entrySet().stream().filter(e -> e.getKey().indexOf(SEPARATOR) >= 0)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(new BucketUsage(e.getKey().replace(SEPARATOR, ' '), e.getValue().used(),
                        e.getValue().limit(), e.getValue().window())));
        return out;
    }

    /** Whether the buckets are this process's alone, shared through Redis, or on the fallback while Redis is unreachable. */
    @Override
    public Sharing sharing() {
        return shared == null ? Sharing.LOCAL : shared.sharing();
    }

    /** Closes the connection to Redis, when the buckets are shared. */
    @Override
    public void close() {
        if (shared != null) {
            shared.close();
        }
    }

    @Override
    public String toString() {
        return "ExchangeBudget{" + gateway + ", " + rules.size() + " rules, "
                + (shared == null ? buckets.size() + " buckets}" : "shared: " + shared.sharing().label() + "}");
    }

    private List<BucketUsage> sharedUsage() {
        List<BucketUsage> out = new ArrayList<>();
        for (RateLimitRule r : rules.values()) {
            if (r.scope() != RateLimitRule.Scope.INSTRUMENT) {
                SharedBuckets.Charge c = new SharedBuckets.Charge(r.name(), r, "", 0);
                out.add(new BucketUsage(r.name(), shared.used(c), r.limit(), r.window()));
            }
        }
        sharedSeen.entrySet().stream().filter(e -> e.getKey().indexOf(SEPARATOR) >= 0)
                .sorted(Map.Entry.comparingByKey())
                .filter(e -> rules.get(e.getValue().rule().name()) != null)
                .forEach(e -> out.add(new BucketUsage(e.getKey().replace(SEPARATOR, ' '), shared.used(e.getValue()),
                        e.getValue().rule().limit(), e.getValue().rule().window())));
        return out;
    }

    /** The charges of these costs in the buckets of stated rules (others are reported, once, and not spent). */
    private List<SharedBuckets.Charge> charges(List<RateLimitCost> costs) {
        List<SharedBuckets.Charge> out = new ArrayList<>(costs.size());
        for (RateLimitCost c : costs) {
            SharedBuckets.Charge charge = charge(c.rule(), c.key(), c.units());
            if (charge != null) {
                out.add(charge);
            }
        }
        return out;
    }

    private SharedBuckets.Charge charge(String rule, String key, int units) {
        RateLimitRule r = rules.get(rule);
        if (r == null) {
            bucket(rule, key);   // reports a rule the exchange never named
            return null;
        }
        boolean perInstrument = r.scope() == RateLimitRule.Scope.INSTRUMENT;
        String name = perInstrument ? rule + SEPARATOR + key : rule;
        SharedBuckets.Charge c = new SharedBuckets.Charge(name, r, perInstrument ? key : "", units);
        if (perInstrument) {
            sharedSeen.putIfAbsent(name, c);
        }
        return c;
    }

    private List<RateLimitCost> costs(Request request) {
        try {
            return requireNonNull(exchange.costOf(request), "costOf returned null");
        } catch (RuntimeException e) {
            if (reported.add("costOf")) {
                LOG.warn("gateway '{}': the {} plugin could not price {} {}; charging 1 in every account-wide rule",
                        gateway, exchange.name(), request.method(), request.path(), e);
            }
            List<RateLimitCost> fallback = new ArrayList<>();
            for (RateLimitRule r : rules.values()) {
                if (r.scope() == RateLimitRule.Scope.IP || r.scope() == RateLimitRule.Scope.ACCOUNT) {
                    fallback.add(r.cost(1));
                }
            }
            return fallback;
        }
    }

    /** The bucket of a rule (and instrument); null, reported once, for a rule the exchange never named. */
    private RateLimitBudget bucket(String rule, String key) {
        RateLimitRule r = rules.get(rule);
        if (r == null) {
            if (!unstated.contains(rule) && reported.add(rule)) {
                LOG.warn("gateway '{}': the {} plugin spoke of rate-limit rule '{}', which is not among its rules {};"
                        + " ignored", gateway, exchange.name(), rule, rules.keySet());
            }
            return null;
        }
        if (r.scope() != RateLimitRule.Scope.INSTRUMENT) {
            return buckets.get(rule);
        }
        return buckets.computeIfAbsent(rule + SEPARATOR + key, k -> RateLimitBudget.perWindow(r.limit(), r.window(), clock, transit));
    }
}
