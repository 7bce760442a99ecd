package io.antrest.gateway;

import io.antrest.core.CountBound;
import io.antrest.core.DurationBound;
import io.antrest.core.ProxyConfig;
import io.antrest.core.RestClient;
import io.antrest.core.Redactor;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.monitor.MonitorConfig;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * How to connect one gateway (the seed's {@code setting} dict): its name, how many requests go
 * at once ({@code session_number}, default 3), an optional HTTP proxy, the contract policy
 * (default {@link ContractPolicy#STRICT}), the heart-beat interval and time-out, how long connecting may take,
 * how an order whose answer was lost is settled (looked up for at most 30 s by default, and
 * reported when certainly not placed: {@link IfNotPlaced#REPORT}), and the exchange plugin's own settings (server, credentials, options). Immutable; never prints
 * credentials or the proxy password.
 */
public final class GatewaySettings {
    /** The default number of sessions, as in the seed. */
    public static final int DEFAULT_SESSIONS = 3;
    /** The bound of {@link Builder#sessions(int)}: 1 to 256, each session a worker thread and a connection. */
    public static final CountBound SESSIONS = new CountBound("sessions (session_number, gateway.NAME.sessions)",
            RestClient.SESSIONS.min(), RestClient.SESSIONS.max(), "how many requests the gateway sends at once, each a"
            + " worker thread and a connection (3 is the usual value)");
    /** The bound of {@link Builder#heartBeatInterval(Duration)}. */
    public static final DurationBound HEART_BEAT_INTERVAL = new DurationBound(
            "heartBeatInterval (gateway.NAME.heartbeat-interval)", Duration.ofMillis(1), Duration.ofHours(1),
            "how often the gateway is pinged, e.g. 10s; leave it unset for the monitor's default");
    /** The bound of {@link Builder#connectTimeout(Duration)}. */
    public static final DurationBound CONNECT_TIMEOUT = new DurationBound(
            "connectTimeout (gateway.NAME.connect-timeout)", Duration.ofMillis(1), Duration.ofHours(1),
            "how long each step of connecting may take, e.g. 30s (the default)");
    /** The bound of {@link Builder#requestTimeout(Duration)}. */
    public static final DurationBound REQUEST_TIMEOUT = new DurationBound(
            "requestTimeout (gateway.NAME.request-timeout)", Duration.ofMillis(1), Duration.ofHours(1),
            "how long a typed call waits for each answer, e.g. 5s; leave it unset for 10s");

    /** The bound of {@link Builder#resolveWithin(Duration)}: 1 s to 10 minutes. */
    public static final DurationBound RESOLVE_WITHIN = new DurationBound(
            "resolveWithin (gateway.NAME.resolve-within)", Duration.ofSeconds(1), Duration.ofMinutes(10),
            "how long the gateway may spend looking up an order whose answer was lost, e.g. 30s (the default)");
    /** How long an order whose answer was lost is looked up by default. */
    public static final Duration DEFAULT_RESOLVE_WITHIN = Duration.ofSeconds(30);

    private final String name;
    private final int sessions;
    private final ProxyConfig proxy;
    private final ContractPolicy contractPolicy;
    private final Duration heartBeatInterval;
    private final Duration heartBeatTimeout;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final boolean resolveUnknown;
    private final Duration resolveWithin;
    private final IfNotPlaced ifNotPlaced;
    private final BudgetSharing budget;
    private final ExchangeSettings exchange;

    private GatewaySettings(Builder b) {
        this.name = b.name;
        this.sessions = b.sessions;
        this.proxy = b.proxy;
        this.contractPolicy = b.contractPolicy;
        this.heartBeatInterval = b.heartBeatInterval;
        this.heartBeatTimeout = b.heartBeatTimeout;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.resolveUnknown = b.resolveUnknown;
        this.resolveWithin = b.resolveWithin;
        this.ifNotPlaced = b.ifNotPlaced;
        this.budget = b.budget;
        this.exchange = b.exchange;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults, with these exchange settings. */
    public static GatewaySettings of(ExchangeSettings exchange) {
        return builder().exchange(exchange).build();
    }

    /** The gateway's name, when it is not the exchange's (two accounts on one exchange). */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** How many requests are sent at once. */
    public int sessions() {
        return sessions;
    }

    /** The proxy, if any. */
    public Optional<ProxyConfig> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** What a contract difference does. */
    public ContractPolicy contractPolicy() {
        return contractPolicy;
    }

    /** The heart-beat interval, when not the monitor's default. */
    public Optional<Duration> heartBeatInterval() {
        return Optional.ofNullable(heartBeatInterval);
    }

    /**
     * How long a heart-beat may take before it counts as failed, when not the monitor's default;
     * it is also the heart-beat request's own timeout, so a frozen exchange holds no worker longer.
     */
    public Optional<Duration> heartBeatTimeout() {
        return Optional.ofNullable(heartBeatTimeout);
    }

    /** How long each step of connecting (clock, contracts) may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * How long the gateway's typed calls (account, orders, contracts) wait for each answer, when
     * not the engine's default of 10 s; a request given to {@link Gateway#submit} keeps its own.
     */
    public Optional<Duration> requestTimeout() {
        return Optional.ofNullable(requestTimeout);
    }

    /**
     * Whether an order or cancel whose answer was lost is settled by looking the order up (true,
     * the default) or its caller told at once that its outcome is unknown.
     */
    public boolean resolveUnknown() {
        return resolveUnknown;
    }

    /** How long the gateway may spend settling one lost answer before it tells the caller the outcome is unknown. */
    public Duration resolveWithin() {
        return resolveWithin;
    }

    /** What a placement does with an order found certainly not placed, when the caller does not say. */
    public IfNotPlaced ifNotPlaced() {
        return ifNotPlaced;
    }

    /** Where the rate-limit buckets are kept: this process ({@link BudgetSharing#LOCAL}, the default) or a shared Redis. */
    public BudgetSharing budget() {
        return budget;
    }

    /** The exchange plugin's settings. */
    public ExchangeSettings exchange() {
        return exchange;
    }

    @Override
    public String toString() {
        return "GatewaySettings{" + (name == null ? "" : "name=" + name + ", ") + "sessions=" + sessions
                + (proxy == null ? "" : ", proxy=" + proxy) + ", contractPolicy=" + contractPolicy
                + (heartBeatInterval == null ? "" : ", heartBeatInterval=" + heartBeatInterval)
                + (heartBeatTimeout == null ? "" : ", heartBeatTimeout=" + heartBeatTimeout)
                + (resolveUnknown ? ", resolveWithin=" + resolveWithin + ", ifNotPlaced=" + ifNotPlaced : ", resolveUnknown=false")
                + (budget.shared() ? ", budget=" + budget : "") + ", " + exchange + "}";
    }

    /** Builds {@link GatewaySettings}; every setter checks its argument at once and says what is wrong. */
    public static final class Builder {
        private String name;
        private int sessions = DEFAULT_SESSIONS;
        private ProxyConfig proxy;
        private ContractPolicy contractPolicy = ContractPolicy.STRICT;
        private Duration heartBeatInterval;
        private Duration heartBeatTimeout;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout;
        private boolean resolveUnknown = true;
        private Duration resolveWithin = DEFAULT_RESOLVE_WITHIN;
        private IfNotPlaced ifNotPlaced = IfNotPlaced.REPORT;
        private BudgetSharing budget = BudgetSharing.LOCAL;
        private ExchangeSettings exchange = ExchangeSettings.builder().build();

        private Builder() {
        }

        /** Names the gateway (default: the exchange's name). */
        public Builder name(String name) {
            requireNonNull(name, "name is null");
            if (name.isBlank()) {
                throw new GatewaySettingsException("the gateway name is blank: give a name or leave it unset");
            }
            this.name = name.trim();
            return this;
        }

        /** Sets {@code session_number}: how many requests are sent at once, within {@link #SESSIONS} (1 to 256). */
        public Builder sessions(int sessions) {
            this.sessions = checked(() -> SESSIONS.checkInt(sessions));
            return this;
        }

        /** Sends through an HTTP proxy (the seed's {@code proxy_host}/{@code proxy_port}). */
        public Builder proxy(String host, int port) {
            return proxy(host, port, null, null);
        }

        /** Sends through an HTTP proxy with basic credentials. */
        public Builder proxy(String host, int port, String user, String password) {
            try {
                this.proxy = new ProxyConfig(host, port, user, password);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new GatewaySettingsException("proxy setting is wrong: " + Redactor.url(e.getMessage())
                        + " (set proxy_host and proxy_port, and both proxy_user and proxy_password or neither)", e);
            }
            return this;
        }

        /** Sets the contract policy. */
        public Builder contractPolicy(ContractPolicy policy) {
            this.contractPolicy = requireNonNull(policy, "policy is null");
            return this;
        }

        /** Sets the heart-beat interval, within {@link #HEART_BEAT_INTERVAL}. */
        public Builder heartBeatInterval(Duration interval) {
            this.heartBeatInterval = checked(() -> HEART_BEAT_INTERVAL.check(interval));
            return this;
        }

        /**
         * Sets how long a heart-beat may take before it counts as failed, within
         * {@link MonitorConfig#HEART_BEAT_TIMEOUT} (100 ms to 5 minutes).
         */
        public Builder heartBeatTimeout(Duration timeout) {
            this.heartBeatTimeout = checked(() -> MonitorConfig.HEART_BEAT_TIMEOUT.check(timeout));
            return this;
        }

        /** Sets how long each connect step may take, within {@link #CONNECT_TIMEOUT}. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = checked(() -> CONNECT_TIMEOUT.check(timeout));
            return this;
        }

        /** Sets how long each typed call waits for its answer, within {@link #REQUEST_TIMEOUT}. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = checked(() -> REQUEST_TIMEOUT.check(timeout));
            return this;
        }

        /**
         * Whether an order or cancel whose answer was lost is settled by looking it up (default
         * true); false hands the caller an {@link OrderOutcomeUnknownException} at once.
         */
        public Builder resolveUnknown(boolean resolve) {
            this.resolveUnknown = resolve;
            return this;
        }

        /** Sets how long settling one lost answer may take, within {@link #RESOLVE_WITHIN} (default 30 s). */
        public Builder resolveWithin(Duration within) {
            this.resolveWithin = checked(() -> RESOLVE_WITHIN.check(within));
            return this;
        }

        /** Sets what a placement does with an order found certainly not placed (default {@link IfNotPlaced#REPORT}). */
        public Builder ifNotPlaced(IfNotPlaced ifNotPlaced) {
            this.ifNotPlaced = requireNonNull(ifNotPlaced, "ifNotPlaced is null");
            return this;
        }

        /**
         * Sets where the rate-limit buckets are kept: {@link BudgetSharing#LOCAL} (the default), or
         * a Redis shared by every process on the account ({@link BudgetSharing#parse}).
         */
        public Builder budget(BudgetSharing budget) {
            this.budget = requireNonNull(budget, "budget is null");
            return this;
        }

        /** Sets the exchange plugin's settings. */
        public Builder exchange(ExchangeSettings exchange) {
            this.exchange = requireNonNull(exchange, "exchange is null");
            return this;
        }

        /** A bound's check, its complaint as a {@link GatewaySettingsException}. */
        private static <T> T checked(Supplier<T> check) {
            try {
                return check.get();
            } catch (IllegalArgumentException e) {
                throw new GatewaySettingsException(e.getMessage(), e);
            }
        }

        /** Builds the settings. */
        public GatewaySettings build() {
            return new GatewaySettings(this);
        }
    }
}
