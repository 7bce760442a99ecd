package io.antrest.core;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole-attempt deadline of a transport: a request's {@link Request#timeout()} bounds its
 * attempt as a whole (connect, send, wait, and read every byte of the answer), not each read.
 * A socket time-out alone restarts on every byte, so a server that drips one byte a second holds
 * a request for ever; here an alarm on the client's scheduler closes the attempt's connection
 * when the time is up, wherever the attempt is blocked, and the transport reports a time-out.
 * Armed alarms are checked at the earliest deadline, at least every {@link #MAX_SLEEP_NANOS}
 * while any is armed, so arming one costs no wake-up of the timer. A disarmed alarm leaves the
 * armed ones at once (a linked list, unlinked in constant time), so a check walks the attempts
 * under way, no more: never the thousands that ended since the last one, which a check on a
 * busy core would take hundreds of microseconds to sweep while an attempt waits for the core.
 */
final class AttemptDeadline {
    /**
     * The longest the checks sleep: an alarm whose timeout is shorter than the sleep left when it
     * is armed gets a check of its own at its deadline instead. A timer task per attempt would
     * cost a wake-up of the timer thread for every request (a context switch on a busy core);
     * checks at the earliest deadline, at most this far apart, cost nothing per request.
     */
    static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** The shortest the checks sleep, so that a burst of due alarms is taken in one go. */
    private static final long MIN_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long the checks go on with no alarm armed before they stop (one wake-up restarts them). */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration NEVER = Duration.ofNanos(Long.MAX_VALUE / 2);

    private final ScheduledExecutorService timer;
    private final long idleNanos;
    /** Guards the list of armed alarms and {@link #arms}. */
    private final Object lock = new Object();
    /** The list's sentinel: the armed alarms are linked from it, both ways, in a ring. */
    private final Alarm armed = new Alarm(null, Duration.ZERO, 0);
    /** Alarms armed so far (under {@link #lock}). */
    private long arms;
    private final AtomicBoolean ticking = new AtomicBoolean();
    /** When the checks wake next (System.nanoTime()). */
    private volatile long nextCheck;
    /** On the timer only: when an alarm was last seen. */
    private long lastSeen;
    /** On the timer only: {@link #arms} at the last check. */
    private long armsSeen;

    /** Alarms checked on {@code timer} (the client's scheduler: an alarm only closes a socket). */
    AttemptDeadline(ScheduledExecutorService timer) {
        this(timer, IDLE_NANOS);
    }

    /** Alarms on {@code timer} whose checks stop after {@code idleNanos} without alarms. */
    AttemptDeadline(ScheduledExecutorService timer, long idleNanos) {
        this.timer = timer;
        this.idleNanos = idleNanos;
        armed.prev = armed;
        armed.next = armed;
    }

    /** An alarm that goes off {@code timeout} from now (a millisecond or so later at most). */
    Alarm arm(Duration timeout) {
        // a Request's timeout is unbounded: one beyond ~146 years cannot be told from the clock's wrap
        if (timeout.compareTo(NEVER) >= 0) {
            return new Alarm(null, timeout, 0);
        }
        long now = System.nanoTime();
        long nanos = timeout.toNanos();
        Alarm alarm = new Alarm(this, timeout, now + nanos);
        synchronized (lock) {
            alarm.prev = armed.prev;
            alarm.next = armed;
            armed.prev.next = alarm;
            armed.prev = alarm;
            arms++;
        }
        if (!ticking.get() && ticking.compareAndSet(false, true)) {
            lastSeen = now;
            checkIn(Math.max(MIN_SLEEP_NANOS, Math.min(nanos, MAX_SLEEP_NANOS)), true);
        } else if (alarm.deadlineNanos - nextCheck < 0) {
            // due before the checks wake: one more check, at its deadline, that leaves the round as it is
            checkIn(nanos, false);
        }
        return alarm;
    }

    private void checkIn(long nanos, boolean round) {
        try {
            if (round) {
                nextCheck = System.nanoTime() + nanos;
                timer.schedule(this::round, nanos, TimeUnit.NANOSECONDS);
            } else {
                timer.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException stopped) {
            // the client is stopping: its transport is aborted with everything in flight anyway
            ticking.set(false);
        }
    }

    /** How many alarms are armed now: neither disarmed nor gone off. */
    int armedCount() {
        synchronized (lock) {
            int n = 0;
            for (Alarm a = armed.next; a != armed; a = a.next) {
                n++;
            }
            return n;
        }
    }

    /** Takes {@code alarm} out of the armed ones, if it is there (under {@link #lock}). */
    private static void unlink(Alarm alarm) {
        if (alarm.prev != null) {
            alarm.prev.next = alarm.next;
            alarm.next.prev = alarm.prev;
            alarm.prev = null;
            alarm.next = null;
        }
    }

    /** Takes {@code alarm} out of the armed ones (it was disarmed). */
    private void forget(Alarm alarm) {
        synchronized (lock) {
            unlink(alarm);
        }
    }

    /** On the timer: a check, then the next one at the earliest deadline (within bounds), while alarms are armed. */
    private void round() {
        long now = System.nanoTime();
        boolean seen;
        synchronized (lock) {
            // an alarm armed since the last check, or one still armed
            seen = arms != armsSeen || armed.next != armed;
            armsSeen = arms;
        }
        if (seen) {
            lastSeen = now;
        }
        long earliest = check();
        if (now - lastSeen < idleNanos) {
            long sleep = earliest == Long.MAX_VALUE ? MAX_SLEEP_NANOS : earliest - now;
            checkIn(Math.max(MIN_SLEEP_NANOS, Math.min(sleep, MAX_SLEEP_NANOS)), true);
            return;
        }
        nextCheck = now;
        ticking.set(false);
        // an alarm armed while the flag was still up found the checks running: take it up again
        boolean armedSince;
        synchronized (lock) {
            armedSince = arms != armsSeen;
        }
        if (armedSince && ticking.compareAndSet(false, true)) {
            lastSeen = now;
            checkIn(MIN_SLEEP_NANOS, true);
        }
    }

    /**
     * Fires the alarms whose time is up.
     *
     * @return the earliest deadline of the alarms still armed, or {@code Long.MAX_VALUE}
     */
    private long check() {
        long now = System.nanoTime();
        long earliest = Long.MAX_VALUE;
        Alarm due = null;
        synchronized (lock) {
            Alarm a = armed.next;
            while (a != armed) {
                Alarm next = a.next;
                if (now - a.deadlineNanos >= 0) {
                    unlink(a);
                    a.next = due;   // a list of its own now, fired outside the lock
                    due = a;
                } else if (earliest == Long.MAX_VALUE || a.deadlineNanos - earliest < 0) {
                    earliest = a.deadlineNanos;
                }
                a = next;
            }
        }
        while (due != null) {
            Alarm next = due.next;
            due.next = null;
            due.fire();
            due = next;
        }
        return earliest;
    }

    /** One attempt's alarm: what it closes when it goes off, and whether it went off. */
    static final class Alarm {
        /** Whose armed alarms it is among; null for one never due. */
        private final AttemptDeadline owner;
        private final Duration timeout;
        private final long deadlineNanos;
        /** Its neighbours among the armed alarms (under the owner's lock); null when not among them. */
        private Alarm prev;
        private Alarm next;
        private AutoCloseable target;
        private boolean fired;
        private boolean disarmed;

        private Alarm(AttemptDeadline owner, Duration timeout, long deadlineNanos) {
            this.owner = owner;
            this.timeout = timeout;
            this.deadlineNanos = deadlineNanos;
        }

        /** What to close when the time is up (the latest one given); closed at once if it is up already. */
        synchronized void watch(AutoCloseable closeable) {
            target = closeable;
            if (fired) {
                closeQuietly(closeable);
            }
        }

        private synchronized void fire() {
            if (disarmed) {
                return;
            }
            fired = true;
            if (target != null) {
                closeQuietly(target);
            }
        }

        /**
         * Stops the alarm; from now on it closes nothing.
         *
         * @return whether it went off before (the watched connection is closed)
         */
        boolean disarm() {
            boolean wasFired;
            synchronized (this) {
                if (disarmed) {
                    return fired;
                }
                disarmed = true;
                wasFired = fired;
            }
            if (owner != null && !wasFired) {
                owner.forget(this);
            }
            return wasFired;
        }

        /** The time-out to report instead of what closing the connection made the attempt throw. */
        SocketTimeoutException timedOut(Request request, Throwable cause) {
            SocketTimeoutException e = new SocketTimeoutException(request.method() + " " + request.path()
                    + " took longer than its timeout of " + timeout.toMillis() + " ms as a whole (connect, send, wait and"
                    + " read the answer); its connection was closed");
            e.initCause(cause);
            return e;
        }

        private static void closeQuietly(AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is how the attempt is stopped; a failure to close it cleanly changes nothing
            }
        }
    }

    /** Rethrows {@code e}, or the alarm's time-out when the alarm closed the connection under it. */
    static IOException failure(Alarm alarm, Request request, IOException e) {
        if (!alarm.disarm()) {
            return e;
        }
        if (e instanceof NotSentException) {
            return new NotSentException(request.method() + " " + request.path() + " could not connect within its timeout of "
                    + alarm.timeout.toMillis() + " ms; nothing was sent", e);
        }
        return alarm.timedOut(request, e);
    }
}
