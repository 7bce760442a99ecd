package io.antrest.core;

import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * The settings of a {@link RestClient}, immutable, with sane defaults: a queue of 100 000, a soft
 * limit of 10 000 for droppable requests (the seed's {@code queue_pool_size}), back-off with
 * jitter, answers capped at 16 MiB, a 5 s connect time-out, exchange-imposed waits capped at
 * 5 minutes ({@link #retryAfterCap()}) and the UTC system clock.
 */
public final class RestClientConfig {
    /** The bound of {@link Builder#queueCapacity(int)}. */
    public static final CountBound QUEUE_CAPACITY = new CountBound("queueCapacity", 1, 10_000_000,
            "how many requests may wait in the queue (each holds memory until it is sent)");
    /** The bound of {@link Builder#droppableSoftLimit(int)} (it may not exceed the queue capacity either). */
    public static final CountBound DROPPABLE_SOFT_LIMIT = new CountBound("droppableSoftLimit", 0, QUEUE_CAPACITY.max(),
            "how many queued requests make a droppable request be dropped");
    /** The bound of {@link Builder#maxResponseBytes(int)}: 1 KiB to 1 GiB. */
    public static final CountBound MAX_RESPONSE_BYTES = new CountBound("maxResponseBytes", 1024, 1L << 30,
            "the largest answer body read into memory, in bytes");
    /** The bound of {@link Builder#connectTimeout(Duration)}. */
    public static final DurationBound CONNECT_TIMEOUT = new DurationBound("connectTimeout", Duration.ofMillis(1),
            Duration.ofHours(1), "the longest wait for a connection to open");
    /** The bound of {@link Builder#stopTimeout(Duration)}. */
    public static final DurationBound STOP_TIMEOUT = new DurationBound("stopTimeout", Duration.ofMillis(1),
            Duration.ofHours(1), "how long stop waits for requests in flight");
    /** The bound of {@link Builder#ioThreads(int)}: 0 (a thread per session) to 256. */
    public static final CountBound IO_THREADS = new CountBound("ioThreads", 0, 256,
            "the threads that send and read for a client without a proxy (0: a blocking thread per session)");
    /** The default {@link #retryAfterCap()}: 5 minutes. */
    public static final Duration DEFAULT_RETRY_AFTER_CAP = Duration.ofMinutes(5);
    /** The bound of {@link Builder#retryAfterCap(Duration)}: 1 s to 1 day. */
    public static final DurationBound RETRY_AFTER_CAP = new DurationBound("retryAfterCap", Duration.ofSeconds(1),
            Duration.ofDays(1), "the longest wait a 429, a 418 ban or an error body may impose before the exchange is"
            + " asked again (the default is 5m)");

    private final int queueCapacity;
    private final int droppableSoftLimit;
    private final RetryPolicy retryPolicy;
    private final int maxResponseBytes;
    private final Duration connectTimeout;
    private final Duration stopTimeout;
    private final Duration retryAfterCap;
    private final Clock clock;
    private final String userAgent;
    private final KeyStore trustedCertificates;
    private final int ioThreads;

    private RestClientConfig(Builder b) {
        this.queueCapacity = b.queueCapacity;
        this.droppableSoftLimit = b.droppableSoftLimit;
        this.retryPolicy = b.retryPolicy;
        this.maxResponseBytes = b.maxResponseBytes;
        this.connectTimeout = b.connectTimeout;
        this.stopTimeout = b.stopTimeout;
        this.retryAfterCap = b.retryAfterCap;
        this.clock = b.clock;
        this.userAgent = b.userAgent;
        this.trustedCertificates = b.trustedCertificates;
        this.ioThreads = b.ioThreads;
    }

    /** The defaults. */
    public static RestClientConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.queueCapacity = queueCapacity;
        b.droppableSoftLimit = droppableSoftLimit;
        b.retryPolicy = retryPolicy;
        b.maxResponseBytes = maxResponseBytes;
        b.connectTimeout = connectTimeout;
        b.stopTimeout = stopTimeout;
        b.retryAfterCap = retryAfterCap;
        b.clock = clock;
        b.userAgent = userAgent;
        b.trustedCertificates = trustedCertificates;
        b.ioThreads = ioThreads;
        return b;
    }

    /** How many requests may wait in the queue; past that a request is refused at once. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** How many queued requests make a droppable request be dropped. */
    public int droppableSoftLimit() {
        return droppableSoftLimit;
    }

    /** The back-off between retries. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The largest answer body read; a larger one ends the call in error. */
    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /** The longest wait for a connection to open (a request's own time-out, if shorter, wins). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long {@link RestClient#stop()} waits for requests in flight before aborting them. */
    public Duration stopTimeout() {
        return stopTimeout;
    }

    /**
     * The longest wait an exchange can impose: a {@code Retry-After} (a 429, a 418 ban) or a wait
     * stated in an error body that asks for more is cut to this, with a warning naming both, and
     * the client's listeners (the monitor's RATE_LIMITED, the gateway's rate-limit buckets) hear
     * the cut wait; after it the next request or heart-beat asks the exchange again.
     *
     * <p>The trade-off: a cap too short sends a probe into a real ban (Binance's IP bans run from
     * 2 minutes to 3 days and grow for repeat offenders), a cap too long lets one bogus or hostile
     * answer ({@code Retry-After: 999999999}) park a gateway for as long. The default of 5
     * minutes covers every 429 wait and Binance's first, 2-minute ban; a longer ban then costs one
     * probe every 5 minutes, a few hundred requests over 3 days at most.
     *
     * <p>Not to be confused with {@link RetryPolicy#maxRetryAfter()}, the longest wait one call
     * sits out to be retried: a call asked to wait longer ends, whatever the cap.
     */
    public Duration retryAfterCap() {
        return retryAfterCap;
    }

    /** The clock that stamps calls and signatures. */
    public Clock clock() {
        return clock;
    }

    /** The {@code User-Agent} header sent. */
    public String userAgent() {
        return userAgent;
    }

    /**
     * The certificates trusted for TLS instead of the JVM's default trust store, if set (a
     * corporate CA, a test exchange). Certificate and hostname verification stay on either way:
     * no setting turns them off.
     */
    public Optional<KeyStore> trustedCertificates() {
        return Optional.ofNullable(trustedCertificates);
    }

    /**
     * How many I/O threads send and read for a client without a proxy, when set; by default (empty)
     * as many as the machine has cores, or, when the client has no more sessions than that, a
     * blocking thread per session as with {@code 0} (a thread with one connection waits for it
     * more cheaply in a blocking read than in a selector). A number set here is kept to (at most
     * one I/O thread per session).
     *
     * <p>Each I/O thread waits on several connections at once (a {@code Selector}): it signs and
     * writes a request when a connection is free and runs the answer's callback when it comes, with
     * no hand-off to another thread. Callbacks therefore run on an I/O thread, and one that blocks
     * holds up the other requests of that thread: hand slow work to an executor of your own.
     * {@code 0} gives each session a blocking thread of its own instead: a blocked callback then
     * holds up only its own session, at the cost of a thread switch per request. A client behind a
     * proxy always uses a thread per session.
     */
    public OptionalInt ioThreads() {
        return ioThreads < 0 ? OptionalInt.empty() : OptionalInt.of(ioThreads);
    }

    @Override
    public String toString() {
        return "RestClientConfig{queueCapacity=" + queueCapacity + ", droppableSoftLimit=" + droppableSoftLimit
                + ", retryPolicy=" + retryPolicy + ", maxResponseBytes=" + maxResponseBytes
                + ", connectTimeout=" + connectTimeout + ", stopTimeout=" + stopTimeout
                + ", retryAfterCap=" + retryAfterCap + (ioThreads < 0 ? "" : ", ioThreads=" + ioThreads) + "}";
    }

    /** Builds a {@link RestClientConfig}; setters check their argument at once. */
    public static final class Builder {
        private int queueCapacity = 100_000;
        private int droppableSoftLimit = 10_000;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private int maxResponseBytes = 16 * 1024 * 1024;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private Duration retryAfterCap = DEFAULT_RETRY_AFTER_CAP;
        private Clock clock = Clock.systemUTC();
        private String userAgent = "antrest/0.1";
        private KeyStore trustedCertificates;
        private int ioThreads = -1;

        private Builder() {
        }

        /** Sets the queue capacity, within {@link #QUEUE_CAPACITY}. */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = QUEUE_CAPACITY.checkInt(queueCapacity);
            return this;
        }

        /** Sets the soft limit for droppable requests, within {@link #DROPPABLE_SOFT_LIMIT}. */
        public Builder droppableSoftLimit(int droppableSoftLimit) {
            this.droppableSoftLimit = DROPPABLE_SOFT_LIMIT.checkInt(droppableSoftLimit);
            return this;
        }

        /** Sets the retry back-off. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy is null");
            return this;
        }

        /** Sets the largest answer read, within {@link #MAX_RESPONSE_BYTES} (1 KiB to 1 GiB). */
        public Builder maxResponseBytes(int maxResponseBytes) {
            this.maxResponseBytes = MAX_RESPONSE_BYTES.checkInt(maxResponseBytes);
            return this;
        }

        /** Sets the connect time-out, within {@link #CONNECT_TIMEOUT}. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = CONNECT_TIMEOUT.check(connectTimeout);
            return this;
        }

        /** Sets how long stop waits for requests in flight, within {@link #STOP_TIMEOUT}. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = STOP_TIMEOUT.check(stopTimeout);
            return this;
        }

        /** Sets the longest wait an exchange can impose ({@link #retryAfterCap()}), within {@link #RETRY_AFTER_CAP}. */
        public Builder retryAfterCap(Duration cap) {
            this.retryAfterCap = RETRY_AFTER_CAP.check(cap);
            return this;
        }

        /** Sets the clock. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /** Sets the {@code User-Agent}. */
        public Builder userAgent(String userAgent) {
            this.userAgent = requireNonNull(userAgent, "userAgent is null");
            return this;
        }

        /**
         * Trusts the certificates in {@code trustStore} (and only those) for TLS, instead of the
         * JVM's default trust store. Hostname verification stays on.
         */
        public Builder trustedCertificates(KeyStore trustStore) {
            this.trustedCertificates = requireNonNull(trustStore, "trustStore is null");
            return this;
        }

        /**
         * Sets how many I/O threads a client without a proxy uses ({@link #ioThreads()}), within
         * {@link #IO_THREADS}; 0 gives each session a blocking thread of its own.
         */
        public Builder ioThreads(int ioThreads) {
            this.ioThreads = IO_THREADS.checkInt(ioThreads);
            return this;
        }

        /** Builds the configuration. */
        public RestClientConfig build() {
            if (droppableSoftLimit > queueCapacity) {
                throw new IllegalArgumentException("droppableSoftLimit (" + droppableSoftLimit
                        + ") must not exceed queueCapacity (" + queueCapacity + ")");
            }
            return new RestClientConfig(this);
        }
    }
}
