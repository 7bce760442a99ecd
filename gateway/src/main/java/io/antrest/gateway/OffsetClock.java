package io.antrest.gateway;

import java.io.Serial;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static java.util.Objects.requireNonNull;

/**
 * Our clock corrected by the measured offset of the exchange's clock, so that signatures carry
 * timestamps the exchange accepts: the gateway's client signs with it, and re-measuring the
 * offset (after a "timestamp out of window" answer) moves it at once for every later attempt.
 */
final class OffsetClock extends Clock {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Clock base;
    private volatile long offsetMillis;

    OffsetClock(Clock base) {
        this.base = requireNonNull(base, "base is null");
    }

    /** The uncorrected clock, for measuring. */
    Clock base() {
        return base;
    }

    /** The exchange's clock minus ours. */
    Duration offset() {
        return Duration.ofMillis(offsetMillis);
    }

    void offset(Duration offset) {
        this.offsetMillis = offset.toMillis();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        OffsetClock c = new OffsetClock(base.withZone(zone));
        c.offsetMillis = offsetMillis;
        return c;
    }

    @Override
    public long millis() {
        return base.millis() + offsetMillis;
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis);
    }

    @Override
    public String toString() {
        return "OffsetClock{" + base + " + " + offsetMillis + " ms}";
    }
}
