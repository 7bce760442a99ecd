package io.antrest.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole-attempt alarms: each goes off soon after its timeout and closes what it watches, a
 * disarmed one never does, and arming one does not wake the timer thread (one task per request
 * would cost a context switch per request).
 */
class AttemptDeadlineTest {
    /** Counts the tasks given to the timer. */
    private static final class CountingTimer extends ScheduledThreadPoolExecutor {
        final AtomicInteger scheduled = new AtomicInteger();

        CountingTimer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            scheduled.incrementAndGet();
            return super.schedule(command, delay, unit);
        }
    }

    private final CountingTimer timer = new CountingTimer();
    /** Checks stop after 200 ms without alarms (the client's own stop after a second). */
    private final AttemptDeadline deadline = new AttemptDeadline(timer, TimeUnit.MILLISECONDS.toNanos(200));

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private static long closesAfterMillis(AttemptDeadline.Alarm alarm, long armedAt) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        long[] at = new long[1];
        alarm.watch(() -> {
            at[0] = System.nanoTime();
            closed.countDown();
        });
        assertThat(closed.await(10, TimeUnit.SECONDS)).as("the alarm went off").isTrue();
        return TimeUnit.NANOSECONDS.toMillis(at[0] - armedAt);
    }

    @Test
    void anAlarmClosesWhatItWatchesSoonAfterItsTimeout() throws Exception {
        long armedAt = System.nanoTime();
        AttemptDeadline.Alarm alarm = deadline.arm(Duration.ofMillis(200));

        assertThat(closesAfterMillis(alarm, armedAt)).isBetween(200L, 1_000L);
        assertThat(alarm.disarm()).as("disarm tells that it went off").isTrue();
    }

    @Test
    void aShortAlarmArmedBesideALongOneIsNotKeptWaiting() throws Exception {
        AttemptDeadline.Alarm longOne = deadline.arm(Duration.ofSeconds(30));
        long armedAt = System.nanoTime();
        AttemptDeadline.Alarm shortOne = deadline.arm(Duration.ofMillis(100));

        assertThat(closesAfterMillis(shortOne, armedAt)).isBetween(100L, 1_000L);
        assertThat(longOne.disarm()).isFalse();
    }

    @Test
    void aDisarmedAlarmNeverGoesOff() throws Exception {
        AttemptDeadline.Alarm alarm = deadline.arm(Duration.ofMillis(50));
        CountDownLatch closed = new CountDownLatch(1);
        alarm.watch(closed::countDown);

        assertThat(alarm.disarm()).isFalse();
        assertThat(closed.await(400, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void armingAThousandAlarmsWakesTheTimerOnlyAFewTimes() {
        for (int i = 0; i < 1000; i++) {
            deadline.arm(Duration.ofSeconds(10)).disarm();
        }

        assertThat(timer.scheduled.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void aDisarmedAlarmIsForgottenAtOnceSoThatAChecksWalksOnlyTheAttemptsUnderWay() throws Exception {
        // the alarms of ten thousand ended attempts, no check in between (the first is 10 s away)
        for (int i = 0; i < 10_000; i++) {
            deadline.arm(Duration.ofSeconds(10)).disarm();
        }
        AttemptDeadline.Alarm under = deadline.arm(Duration.ofSeconds(10));
        AttemptDeadline.Alarm due = deadline.arm(Duration.ofMillis(50));
        assertThat(deadline.armedCount()).as("only the two attempts under way").isEqualTo(2);

        closesAfterMillis(due, System.nanoTime());
        assertThat(deadline.armedCount()).as("one that went off is gone too").isEqualTo(1);
        assertThat(due.disarm()).isTrue();
        assertThat(under.disarm()).isFalse();
        assertThat(under.disarm()).as("twice tells the same").isFalse();
        assertThat(deadline.armedCount()).isZero();
    }

    @Test
    void theChecksStopWhenNothingIsArmedAndStartAgainForTheNextAlarm() throws Exception {
        deadline.arm(Duration.ofMillis(20)).disarm();
        Thread.sleep(800);   // well past the idle time without alarms: the checks have stopped
        int before = timer.scheduled.get();
        Thread.sleep(300);
        assertThat(timer.scheduled.get()).as("no check while idle").isEqualTo(before);

        long armedAt = System.nanoTime();
        AttemptDeadline.Alarm alarm = deadline.arm(Duration.ofMillis(100));
        assertThat(closesAfterMillis(alarm, armedAt)).isBetween(100L, 1_000L);
    }

    @Test
    void aTimeoutOfCenturiesIsNeverDue() {
        AttemptDeadline.Alarm alarm = deadline.arm(Duration.ofDays(365L * 1000));

        assertThat(timer.scheduled.get()).isZero();
        assertThat(alarm.disarm()).isFalse();
    }
}
