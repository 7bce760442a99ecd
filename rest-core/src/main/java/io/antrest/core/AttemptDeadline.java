package io.antrest.core;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole-attempt deadline of a transport: a request's {@link Request#timeout()} bounds its
 * attempt as a whole (connect, send, wait, and read every byte of the answer), not each read.
 * A socket time-out alone restarts on every byte, so a server that drips one byte a second holds
 * a request for ever; here an alarm on the client's scheduler closes the attempt's connection
 * when the time is up, wherever the attempt is blocked, and the transport reports a time-out.
 */
final class AttemptDeadline {
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private final ScheduledExecutorService timer;

    /** Alarms on {@code timer} (the client's scheduler: an alarm only closes a socket). */
    AttemptDeadline(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** An alarm that goes off {@code timeout} from now. */
    Alarm arm(Duration timeout) {
        Alarm alarm = new Alarm(timeout);
        try {
            // a Request's timeout is unbounded: one beyond ~292 years cannot be counted in nanoseconds
            long nanos = timeout.compareTo(LONGEST) < 0 ? timeout.toNanos() : Long.MAX_VALUE;
            alarm.future = timer.schedule(alarm::fire, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            // the client is stopping: its transport is aborted with everything in flight anyway
        }
        return alarm;
    }

    /** One attempt's alarm: what it closes when it goes off, and whether it went off. */
    static final class Alarm {
        private final Duration timeout;
        private volatile ScheduledFuture<?> future;
        private AutoCloseable target;
        private boolean fired;
        private boolean disarmed;

        private Alarm(Duration timeout) {
            this.timeout = timeout;
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
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            synchronized (this) {
                disarmed = true;
                return fired;
            }
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
