package io.antrest.gateway;

import io.antrest.core.Printable;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.ExchangeException;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.OrderStatus;
import io.antrest.monitor.MonitorEngine;
import io.antrest.monitor.Resolution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Settles an order placement or a cancel whose answer was lost (the connection broke after
 * sending, a 5xx, a time-out, a 2xx that could not be read), so that the caller hears what the
 * exchange did instead of "unknown":
 * <ul>
 *   <li>the order is looked up by its client order id, at once and then with a growing pause
 *       ({@value #FIRST_PAUSE_MS} ms doubling to {@value #LONGEST_PAUSE_MS} ms);</li>
 *   <li>found: the placement completes with the order as the exchange has it;</li>
 *   <li>not found by a look-up sent once the exchange's acceptance window has passed since the
 *       loss was reported ({@link io.antrest.gateway.spi.TradingApi#orderAcceptanceWindow()},
 *       plus {@link #CLOCK_MARGIN} for the error of the measured clock offset): every copy of the
 *       request that could still arrive is refused by the exchange, so the order was certainly not
 *       placed. It is sent again with the same client order id ({@link IfNotPlaced#RESEND}) or
 *       reported ({@link OrderNotPlacedException});</li>
 *   <li>neither when the time allowed runs out (no look-up is sent after it): the caller gets
 *       {@link OrderOutcomeUnknownException} saying what was tried.</li>
 * </ul>
 * A lost cancel is settled the same way: the order found ended (cancelled, filled, expired) is
 * the answer; found still open, the cancel is sent again (repeating a cancel is harmless).
 * Every settlement is counted in the monitor ({@link Resolution}).
 */
final class OrderResolver {
    private static final Logger LOG = LoggerFactory.getLogger(OrderResolver.class);
    /** What the acceptance window is widened by: the error of the measured clock offset (half a round trip) and the exchange's own clock skew. */
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(1);
    private static final long FIRST_PAUSE_MS = 100;
    private static final long LONGEST_PAUSE_MS = 2_000;
    /** How many times one lost placement or cancel is sent again. */
    private static final int RESENDS = 3;
    private static final Set<OrderStatus> ENDED = Set.of(OrderStatus.CANCELED, OrderStatus.FILLED, OrderStatus.EXPIRED,
            OrderStatus.REJECTED);

    private final String gateway;
    private final MonitorEngine monitor;
    private final Duration within;
    private final Optional<Duration> window;
    private final Function<OrderRef, CompletableFuture<Order>> lookUp;
    private final BooleanSupplier closed;

    /**
     * @param gateway the gateway's name, for messages and the monitor
     * @param monitor where settlements are counted
     * @param within  how long one settlement may look (no look-up is sent later)
     * @param window  the exchange's acceptance window for order requests, if it has one
     * @param lookUp  looks an order up (the gateway's {@code queryOrder})
     * @param closed  whether the gateway was closed (then the settlement ends at once, unknown)
     */
    OrderResolver(String gateway, MonitorEngine monitor, Duration within, Optional<Duration> window,
                  Function<OrderRef, CompletableFuture<Order>> lookUp, BooleanSupplier closed) {
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.monitor = requireNonNull(monitor, "monitor is null");
        this.within = requireNonNull(within, "within is null");
        this.window = requireNonNull(window, "window is null");
        this.lookUp = requireNonNull(lookUp, "lookUp is null");
        this.closed = requireNonNull(closed, "closed is null");
    }

    /** Whether the window (with its margin) fits in the time allowed: else a lost order can be found, never called not placed. */
    boolean canProveNotPlaced() {
        return window.isPresent() && window.get().plus(CLOCK_MARGIN).compareTo(within) < 0;
    }

    /**
     * Settles a placement whose answer was lost.
     *
     * @param order  the order, with its client order id
     * @param lost   the placement's {@link OrderOutcomeUnknownException}
     * @param then   what to do when it was certainly not placed
     * @param resend places it once more (failing with {@link OrderOutcomeUnknownException} when that answer is lost too)
     */
    CompletableFuture<Order> placement(OrderRequest order, OrderOutcomeUnknownException lost, IfNotPlaced then,
                                       Function<OrderRequest, CompletableFuture<Order>> resend) {
        return new Placement(order, lost, then, resend).start();
    }

    /**
     * Settles a cancel whose answer was lost.
     *
     * @param ref    the order
     * @param lost   the cancel's {@link OrderOutcomeUnknownException}
     * @param cancel sends the cancel once more
     */
    CompletableFuture<Order> cancel(OrderRef ref, OrderOutcomeUnknownException lost, Function<OrderRef, CompletableFuture<Order>> cancel) {
        return new Cancel(ref, lost, cancel).start();
    }

    /** The call's future; one that fails when the call throws instead of returning one. */
    private static <A> CompletableFuture<Order> call(Function<A, CompletableFuture<Order>> call, A argument) {
        try {
            return call.apply(argument);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static long now() {
        return System.nanoTime();
    }

    private static boolean notFound(Throwable e) {
        return e instanceof ExchangeException x && x.kind() == ErrorKind.NOT_FOUND;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** What one settlement has in common: its deadline, its look-ups, its last finding, its result. */
    private abstract class Settlement {
        final OrderRef ref;
        final long start = now();
        final long deadline = start + within.toNanos();
        final CompletableFuture<Order> result = new CompletableFuture<>();
        OrderOutcomeUnknownException lost;
        int lookUps;
        int resends;
        String lastFinding = "none was answered";

        Settlement(OrderRef ref, OrderOutcomeUnknownException lost) {
            this.ref = ref;
            this.lost = lost;
        }

        CompletableFuture<Order> start() {
            lookUpAfter(0);
            return result;
        }

        final void lookUpAfter(long delayMs) {
            if (delayMs <= 0) {
                lookUpNow();
            } else {
                CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS).execute(this::lookUpNow);
            }
        }

        private void lookUpNow() {
            long sent = now();
            if (closed.getAsBoolean()) {
                giveUp("the gateway was closed");
                return;
            }
            if (sent - deadline >= 0) {
                giveUp("the " + within.toSeconds() + " s allowed (gateway." + gateway + ".resolve-within) ran out");
                return;
            }
            lookUps++;
            call(lookUp, ref).whenComplete((order, e) -> {
                try {
                    if (e == null) {
                        lastFinding = "found it " + order.status();
                        found(order);
                    } else {
                        Throwable cause = Gateway.unwrap(e);
                        if (notFound(cause)) {
                            lastFinding = "found no such order";
                            notFoundBy(sent, cause);
                        } else {
                            lastFinding = "failed: " + Printable.of(String.valueOf(cause.getMessage()), 300);
                            again();
                        }
                    }
                } catch (RuntimeException bug) {
                    result.completeExceptionally(bug);
                }
            });
        }

        /** The next look-up, after {@link #pauseMs()}. */
        void again() {
            lookUpAfter(pauseMs());
        }

        /** A pause that grows with every look-up, ending at the deadline at the latest. */
        long pauseMs() {
            long pause = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS << Math.min(10, Math.max(0, lookUps - 1)));
            return Math.max(0, Math.min(pause, TimeUnit.NANOSECONDS.toMillis(deadline - now())));
        }

        abstract void found(Order order);

        /** A look-up sent at {@code sentAt} found no such order ({@code notFound}, the exchange's answer). */
        abstract void notFoundBy(long sentAt, Throwable notFound);

        abstract void giveUp(String why);

        /** What was tried, for the caller's message. */
        String tried() {
            return lookUps + " look-up(s) of " + OrderOutcomeUnknownException.describe(ref) + " over " + seconds(now() - start)
                    + (resends > 0 ? " and " + resends + " re-send(s)" : "") + " (the last " + lastFinding + ")";
        }
    }

    /** A placement whose answer was lost. */
    private final class Placement extends Settlement {
        private final OrderRequest order;
        private final IfNotPlaced then;
        private final Function<OrderRequest, CompletableFuture<Order>> resend;
        /** When the (latest) loss was reported: after the last signing of the request. */
        private long lostAt;

        Placement(OrderRequest order, OrderOutcomeUnknownException lost, IfNotPlaced then,
                  Function<OrderRequest, CompletableFuture<Order>> resend) {
            super(lost.order(), lost);
            this.order = order;
            this.then = then;
            this.resend = resend;
            this.lostAt = start;
        }

        /** Nanoseconds from {@code at} until a look-up that finds nothing proves the order not placed (the window must be present). */
        private long untilCertain(long at) {
            return lostAt + window.orElseThrow().plus(CLOCK_MARGIN).toNanos() - at;
        }

        @Override
        void found(Order placed) {
            monitor.resolved(gateway, Resolution.PLACED);
            LOG.info("gateway '{}': order {} whose answer was lost is at the exchange ({}) after {}", gateway,
                    OrderOutcomeUnknownException.describe(ref), placed.status(), tried());
            result.complete(placed);
        }

        @Override
        void notFoundBy(long sentAt, Throwable notFound) {
            if (window.isEmpty() || untilCertain(sentAt) > 0) {
                // still inside the window: a copy of the request may yet arrive; look again, at its end at the latest
                long pause = pauseMs();
                if (window.isPresent()) {
                    pause = Math.max(0, Math.min(pause, TimeUnit.NANOSECONDS.toMillis(untilCertain(now())) + 1));
                }
                lookUpAfter(pause);
                return;
            }
            monitor.resolved(gateway, Resolution.NOT_PLACED);
            String finding = "not found " + seconds(sentAt - lostAt)
                    + " after its answer was lost, when the exchange's acceptance window (" + window.get().toMillis()
                    + " ms after signing, plus " + CLOCK_MARGIN.toMillis() + " ms for clock error) had passed";
            if (then == IfNotPlaced.RESEND && resends < RESENDS) {
                resends++;
                LOG.info("gateway '{}': order {} was certainly not placed ({}); sending it again with the same client order id",
                        gateway, OrderOutcomeUnknownException.describe(ref), finding);
                sendAgain();
                return;
            }
            LOG.info("gateway '{}': order {} was certainly not placed ({}); telling its caller", gateway,
                    OrderOutcomeUnknownException.describe(ref), finding);
            result.completeExceptionally(new OrderNotPlacedException(ref, "gateway '" + gateway + "': order "
                    + OrderOutcomeUnknownException.describe(ref) + " was not placed: its answer was lost (" + lost.getMessage()
                    + "), and it was " + finding + ". "
                    + (then == IfNotPlaced.RESEND ? "It was sent again " + resends + " time(s) already, so it is left to you."
                    : "It was not sent again (gateway." + gateway + ".if-not-placed = report); placing it again cannot double it."),
                    lost));
        }

        private void sendAgain() {
            call(resend, order).whenComplete((o, e) -> {
                if (e == null) {
                    result.complete(o);
                    return;
                }
                Throwable cause = Gateway.unwrap(e);
                if (cause instanceof OrderOutcomeUnknownException again) {
                    // lost once more: the window starts over from now
                    lost = again;
                    lostAt = now();
                    lookUpAfter(0);
                } else {
                    result.completeExceptionally(cause);
                }
            });
        }

        @Override
        void giveUp(String why) {
            monitor.resolved(gateway, Resolution.STILL_UNKNOWN);
            String windowNote = window.isEmpty() ? "; the exchange states no acceptance window, so not finding it never proves"
                    + " it was not placed"
                    : untilCertain(now()) > 0 ? "; the exchange's acceptance window (" + window.get().toMillis() + " ms plus "
                    + CLOCK_MARGIN.toMillis() + " ms) had not passed" : "";
            LOG.warn("gateway '{}': order {} is still in doubt: {} after {}{}", gateway, OrderOutcomeUnknownException.describe(ref),
                    why, tried(), windowNote);
            result.completeExceptionally(new OrderOutcomeUnknownException(ref, "gateway '" + gateway + "': order "
                    + OrderOutcomeUnknownException.describe(ref) + " may or may not have been placed: its answer was lost ("
                    + lost.getMessage() + "), and " + why + " after " + tried() + windowNote
                    + ". Look it up (Gateway.queryOrder) before placing it again", lost));
        }
    }

    /** A cancel whose answer was lost. */
    private final class Cancel extends Settlement {
        private final Function<OrderRef, CompletableFuture<Order>> cancel;

        Cancel(OrderRef ref, OrderOutcomeUnknownException lost, Function<OrderRef, CompletableFuture<Order>> cancel) {
            super(ref, lost);
            this.cancel = cancel;
        }

        @Override
        void found(Order order) {
            if (ENDED.contains(order.status())) {
                settled(order);
                return;
            }
            if (resends >= RESENDS) {
                again();
                return;
            }
            resends++;
            LOG.info("gateway '{}': order {} is still {} after its cancel's answer was lost; sending the cancel again", gateway,
                    OrderOutcomeUnknownException.describe(ref), order.status());
            call(cancel, ref).whenComplete((o, e) -> {
                if (e == null) {
                    settled(o);
                    return;
                }
                Throwable cause = Gateway.unwrap(e);
                if (cause instanceof OrderOutcomeUnknownException || notFound(cause)) {
                    // lost again, or "unknown order" because the first cancel took: the next look-up tells
                    again();
                } else {
                    result.completeExceptionally(cause);
                }
            });
        }

        private void settled(Order order) {
            monitor.resolved(gateway, Resolution.CANCEL_SETTLED);
            LOG.info("gateway '{}': order {} is {} after its cancel's answer was lost ({})", gateway,
                    OrderOutcomeUnknownException.describe(ref), order.status(), tried());
            result.complete(order);
        }

        @Override
        void notFoundBy(long sentAt, Throwable notFound) {
            // a definite answer: the exchange knows no such order, as a cancel answered in time would have said
            monitor.resolved(gateway, Resolution.CANCEL_SETTLED);
            LOG.info("gateway '{}': the exchange knows no order {} after its cancel's answer was lost ({})", gateway,
                    OrderOutcomeUnknownException.describe(ref), tried());
            result.completeExceptionally(notFound);
        }

        @Override
        void giveUp(String why) {
            monitor.resolved(gateway, Resolution.CANCEL_STILL_UNKNOWN);
            LOG.warn("gateway '{}': the cancel of order {} is still in doubt: {} after {}", gateway,
                    OrderOutcomeUnknownException.describe(ref), why, tried());
            result.completeExceptionally(new OrderOutcomeUnknownException(ref, "gateway '" + gateway + "': the cancel of order "
                    + OrderOutcomeUnknownException.describe(ref) + " may or may not have taken effect: its answer was lost ("
                    + lost.getMessage() + "), and " + why + " after " + tried() + ". Look the order up (Gateway.queryOrder)",
                    lost));
        }
    }
}
