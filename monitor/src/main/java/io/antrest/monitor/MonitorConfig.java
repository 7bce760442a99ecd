package io.antrest.monitor;

import io.antrest.core.CountBound;
import io.antrest.core.DurationBound;

import java.time.Duration;

/**
 * The thresholds and intervals of a {@link MonitorEngine}, immutable, with sane defaults:
 * 3 consecutive failures make a gateway DOWN, more than half of the last 20 calls failing
 * make it DEGRADED, a heart-beat every 10 s (given up after 10 s), and a 5 s pause after a
 * 429 or 418 that carried no {@code Retry-After}.
 */
public final class MonitorConfig {
    /** The bound of {@link Builder#failuresToDown(int)}. */
    public static final CountBound FAILURES_TO_DOWN = new CountBound("failuresToDown", 1, 1000,
            "how many failures in a row make a gateway DOWN");
    /** The bound of {@link Builder#errorWindow(int)}. */
    public static final CountBound ERROR_WINDOW = new CountBound("errorWindow", 1, 100_000,
            "how many of the latest calls the error ratio is taken over");
    /** The bound of {@link Builder#heartBeatInterval(Duration)}. */
    public static final DurationBound HEART_BEAT_INTERVAL = new DurationBound("heartBeatInterval", Duration.ofMillis(1),
            Duration.ofHours(1), "how often a gateway is pinged");
    /** The bound of {@link Builder#defaultRateLimitPause(Duration)}. */
    public static final DurationBound DEFAULT_RATE_LIMIT_PAUSE = new DurationBound("defaultRateLimitPause",
            Duration.ofMillis(1), Duration.ofHours(1), "how long a gateway pauses after a 429 or 418 that said nothing of how long");
    /**
     * The bound of {@link Builder#heartBeatTimeout(Duration)}: 100 ms (less fails a healthy exchange
     * across a network) to 5 minutes (more leaves a frozen exchange UP for too long).
     */
    public static final DurationBound HEART_BEAT_TIMEOUT = new DurationBound("heartBeatTimeout", Duration.ofMillis(100),
            Duration.ofMinutes(5), "how long a heart-beat may take before it counts as failed (the default is 10s)");

    private final int failuresToDown;
    private final int errorWindow;
    private final double errorRatioToDegrade;
    private final Duration heartBeatInterval;
    private final Duration heartBeatTimeout;
    private final Duration defaultRateLimitPause;

    private MonitorConfig(Builder b) {
        this.failuresToDown = b.failuresToDown;
        this.errorWindow = b.errorWindow;
        this.errorRatioToDegrade = b.errorRatioToDegrade;
        this.heartBeatInterval = b.heartBeatInterval;
        this.heartBeatTimeout = b.heartBeatTimeout;
        this.defaultRateLimitPause = b.defaultRateLimitPause;
    }

    /** The defaults. */
    public static MonitorConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** How many failures in a row (no answer, or a 5xx) make a gateway DOWN. */
    public int failuresToDown() {
        return failuresToDown;
    }

    /** How many of the latest calls the error ratio is taken over; the ratio counts once the window is full. */
    public int errorWindow() {
        return errorWindow;
    }

    /**
     * The share of failed calls in the window above which a gateway is DEGRADED, in (0, 1); it is
     * UP again once the share is at most half of this.
     */
    public double errorRatioToDegrade() {
        return errorRatioToDegrade;
    }

    /** How often a gateway that registered a heart-beat is pinged (a gateway may set its own). */
    public Duration heartBeatInterval() {
        return heartBeatInterval;
    }

    /**
     * How long a heart-beat may take before it counts as failed (a gateway may set its own): a
     * frozen exchange, which accepts connections and never answers, is DOWN after about
     * {@link #failuresToDown()} heart-beats of this long.
     */
    public Duration heartBeatTimeout() {
        return heartBeatTimeout;
    }

    /** How long a gateway stays RATE_LIMITED after a 429 or 418 that said nothing of how long. */
    public Duration defaultRateLimitPause() {
        return defaultRateLimitPause;
    }

    @Override
    public String toString() {
        return "MonitorConfig{failuresToDown=" + failuresToDown + ", errorWindow=" + errorWindow
                + ", errorRatioToDegrade=" + errorRatioToDegrade + ", heartBeatInterval=" + heartBeatInterval
                + ", heartBeatTimeout=" + heartBeatTimeout + ", defaultRateLimitPause=" + defaultRateLimitPause + "}";
    }

    /** Builds a {@link MonitorConfig}; setters check their argument at once. */
    public static final class Builder {
        private int failuresToDown = 3;
        private int errorWindow = 20;
        private double errorRatioToDegrade = 0.5;
        private Duration heartBeatInterval = Duration.ofSeconds(10);
        private Duration heartBeatTimeout = Duration.ofSeconds(10);
        private Duration defaultRateLimitPause = Duration.ofSeconds(5);

        private Builder() {
        }

        /** Sets how many failures in a row make a gateway DOWN, within {@link #FAILURES_TO_DOWN}. */
        public Builder failuresToDown(int failuresToDown) {
            this.failuresToDown = FAILURES_TO_DOWN.checkInt(failuresToDown);
            return this;
        }

        /** Sets the number of calls the error ratio is taken over, within {@link #ERROR_WINDOW}. */
        public Builder errorWindow(int errorWindow) {
            this.errorWindow = ERROR_WINDOW.checkInt(errorWindow);
            return this;
        }

        /** Sets the error ratio above which a gateway is DEGRADED, strictly between 0 and 1. */
        public Builder errorRatioToDegrade(double ratio) {
            if (!(ratio > 0 && ratio < 1)) {
                throw new IllegalArgumentException("errorRatioToDegrade must be between 0 and 1 (exclusive), was " + ratio);
            }
            this.errorRatioToDegrade = ratio;
            return this;
        }

        /** Sets the default heart-beat interval, within {@link #HEART_BEAT_INTERVAL}. */
        public Builder heartBeatInterval(Duration interval) {
            this.heartBeatInterval = HEART_BEAT_INTERVAL.check(interval);
            return this;
        }

        /**
         * Sets how long a heart-beat may take, within {@link #HEART_BEAT_TIMEOUT}.
         */
        public Builder heartBeatTimeout(Duration timeout) {
            this.heartBeatTimeout = HEART_BEAT_TIMEOUT.check(timeout);
            return this;
        }

        /** Sets the pause after a 429 or 418 without {@code Retry-After}; within {@link #DEFAULT_RATE_LIMIT_PAUSE}. */
        public Builder defaultRateLimitPause(Duration pause) {
            this.defaultRateLimitPause = DEFAULT_RATE_LIMIT_PAUSE.check(pause);
            return this;
        }

        /** Builds the configuration. */
        public MonitorConfig build() {
            return new MonitorConfig(this);
        }
    }
}
