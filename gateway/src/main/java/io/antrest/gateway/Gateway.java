package io.antrest.gateway;

import io.antrest.core.MalformedResponseException;
import io.antrest.core.OutcomeUnknownException;
import io.antrest.core.Printable;
import io.antrest.core.Request;
import io.antrest.core.RequestFailedException;
import io.antrest.core.Response;
import io.antrest.core.RestClient;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.ContractListing;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeError;
import io.antrest.gateway.spi.ExchangeException;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.InvalidContractException;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.monitor.GatewayMetrics;
import io.antrest.monitor.GatewayStatus;
import io.antrest.monitor.HeartBeat;
import io.antrest.monitor.MonitorEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * One connected exchange (the seed's {@code XXXRestApi} after {@code connect}): its
 * {@link RestClient} (for any further request), its exchange plugin, its rate-limit budget and
 * its measured clock offset, and typed calls that return futures. Made by
 * {@link GatewayManager#connect}; closed by {@link #close()}.
 *
 * <p>Every call goes through {@link #submit}: before each attempt it spends what it costs in every
 * rate-limit bucket of the exchange it touches ({@link ExchangeBudget}), and an answer that
 * carries an error (any non-2xx, and a 2xx whose body says so) fails the future with an
 * {@link ExchangeException} of the plugin's {@link ErrorKind}. A "timestamp out of window" answer makes the gateway measure the
 * exchange's clock again and send the call once more, signed afresh. Other failures are
 * rest-core's ({@code TransportException}, {@code OutcomeUnknownException}, a drop…). An order
 * or a cancel whose answer was lost is settled by looking it up ({@link #placeOrder(OrderRequest,
 * IfNotPlaced)}); only when that cannot tell in time does it fail with
 * {@link OrderOutcomeUnknownException}, naming its client order id and what was tried.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** How many left-out contracts one message names. */
    private static final int REASONS_SHOWN = 20;

    private final String name;
    private final Exchange exchange;
    private final RestClient client;
    private final OffsetClock clock;
    private final MonitorEngine monitor;
    private final Runnable onClose;
    private final Duration requestTimeout;
    private final ExchangeBudget budget;
    private final ExchangeAnswers answers;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Settles lost order answers; null when {@code resolve-unknown} is off. */
    private final OrderResolver resolver;
    private final IfNotPlaced ifNotPlaced;

    Gateway(String name, Exchange exchange, RestClient client, OffsetClock clock, MonitorEngine monitor, Runnable onClose,
            Duration requestTimeout, ExchangeBudget budget, ExchangeAnswers answers, GatewaySettings settings) {
        this.name = requireNonNull(name, "name is null");
        this.exchange = requireNonNull(exchange, "exchange is null");
        this.client = requireNonNull(client, "client is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.monitor = requireNonNull(monitor, "monitor is null");
        this.onClose = requireNonNull(onClose, "onClose is null");
        this.requestTimeout = requestTimeout;
        this.budget = requireNonNull(budget, "budget is null");
        this.answers = requireNonNull(answers, "answers is null");
        this.ifNotPlaced = settings.ifNotPlaced();
        if (settings.resolveUnknown()) {
            this.resolver = new OrderResolver(name, monitor, settings.resolveWithin(), exchange.trading().orderAcceptanceWindow(),
                    this::queryOrder, closed::get);
            Optional<Duration> window = exchange.trading().orderAcceptanceWindow();
            if (window.isEmpty()) {
                LOG.info("gateway '{}': the {} plugin states no acceptance window for orders, so an order whose answer is"
                        + " lost can be found but never proven not placed", name, exchange.name());
            } else if (!resolver.canProveNotPlaced()) {
                LOG.warn("gateway '{}': an order whose answer is lost can be found at {} but never proven not placed within"
                        + " {} s (gateway.{}.resolve-within): the exchange accepts an order request up to {} ms after it was"
                        + " signed (plus {} ms for clock error); shorten that window in the plugin's options or lengthen"
                        + " resolve-within", name, exchange.name(), settings.resolveWithin().toSeconds(), name,
                        window.get().toMillis(), OrderResolver.CLOCK_MARGIN.toMillis());
            }
        } else {
            this.resolver = null;
        }
    }

    /** The gateway's name (its client's and the monitor's name for it). */
    public String name() {
        return name;
    }

    /** The exchange plugin's view of this exchange. */
    public Exchange exchange() {
        return exchange;
    }

    /** The client, for further requests (signed, rate-limited and monitored like the typed calls). */
    public RestClient client() {
        return client;
    }

    /** The client-side rate-limit buckets: one per rule of the exchange, and per instrument where a rule says so. */
    public ExchangeBudget budget() {
        return budget;
    }

    /** The exchange's clock minus ours, as last measured (zero when the exchange has no clock endpoint). */
    public Duration clockOffset() {
        return clock.offset();
    }

    /** Where the gateway stands, as the monitor sees it. */
    public GatewayStatus status() {
        return monitor.status(name);
    }

    /** Whether the monitor has the gateway UP. */
    public boolean isUp() {
        return monitor.isUp(name);
    }

    /** A snapshot of the gateway's counters. */
    public GatewayMetrics metrics() {
        return monitor.metrics(name);
    }

    // ---- calls ----------------------------------------------------------------------------------

    /**
     * Sends any request to this exchange: charged in every rate-limit bucket it touches (as the
     * plugin prices it), signed per attempt, its answer read for errors (2xx included).
     */
    public CompletableFuture<Response> submit(Request request) {
        requireNonNull(request, "request is null");
        return send(request, true);
    }

    /** Pings the exchange once (the heart-beat's call). */
    public CompletableFuture<Void> ping() {
        return ping(null);
    }

    /**
     * Pings the exchange once, the request ending (failed) soon after {@code timeout} as a whole:
     * the heart-beat's call. Its own time-out is a quarter longer (at least 50 ms), so that the
     * heart-beat, timed out at {@code timeout}, says so in its own words ("no answer within the
     * heart-beat timeout of N ms") rather than racing the request's read time-out.
     *
     * @param timeout the ping's timeout, or null for the ping request's own
     */
    public CompletableFuture<Void> ping(Duration timeout) {
        Request.Builder b = exchange.pingRequest().toBuilder().extra(HeartBeat.TAG).maxAttempts(1);
        if (timeout != null) {
            b.timeout(timeout.plus(Duration.ofMillis(Math.max(50, timeout.toMillis() / 4))));
        }
        return send(b.build(), false).thenApply(x -> null);
    }

    /**
     * Measures the exchange's clock offset now (server time minus the midpoint of the request)
     * and corrects the signing clock with it; zero, unchanged, when the exchange has no clock.
     */
    public CompletableFuture<Duration> syncClock() {
        Optional<Request> timeRequest = exchange.serverTimeRequest();
        if (timeRequest.isEmpty()) {
            return CompletableFuture.completedFuture(clock.offset());
        }
        long sent = clock.base().millis();
        return send(timeRequest.get(), false).thenApply(response -> {
            long received = clock.base().millis();
            Instant server = exchange.parseServerTime(response);
            Duration offset = Duration.ofMillis(server.toEpochMilli() - (sent + (received - sent) / 2));
            Duration before = clock.offset();
            clock.offset(offset);
            if (!offset.equals(before)) {
                LOG.info("gateway '{}': clock offset from {} is {} ms (round trip {} ms)", name, exchange.name(),
                        offset.toMillis(), received - sent);
            }
            return offset;
        });
    }

    /**
     * The exchange's contracts, as it lists them now. The rate limits the same answer states
     * ({@link Exchange#rateLimits(Response)}) become the budget's ({@link ExchangeBudget#adopt}).
     * A contract the plugin left out for impossible values (a tick size of zero or less, a number
     * out of bounds) is named in a warning with the field, the value and the rule; when every one
     * is impossible the future fails with a {@link MalformedResponseException} that says so.
     */
    public CompletableFuture<List<Contract>> contracts() {
        return typed(exchange.contractsRequest(), response -> {
            adoptStatedLimits(response);
            return usable(exchange.parseContracts(response));
        });
    }

    /**
     * The contracts a plugin read, without those it left out for impossible values
     * ({@link ContractListing#refused()}), which one warning names with the reason: one bad
     * instrument among thousands must not keep the gateway down. When every one is impossible the
     * answer is refused instead: taking an empty list would empty the store under the sync policy.
     */
    private List<Contract> usable(List<Contract> listed) {
        if (!(listed instanceof ContractListing listing) || listing.refused().isEmpty()) {
            return listed;
        }
        List<InvalidContractException> refused = listing.refused();
        if (listing.isEmpty()) {
            throw new MalformedResponseException("gateway '" + name + "': every one of the " + refused.size()
                    + " contracts " + exchange.name() + " listed has impossible values, so none is used and the contract"
                    + " store is left as it was: " + reasons(refused));
        }
        LOG.warn("gateway '{}': left out {} of the {} contracts {} listed, whose values are impossible (the others are"
                + " used): {}", name, refused.size(), refused.size() + listing.size(), exchange.name(), reasons(refused));
        return listing;
    }

    private static String reasons(List<InvalidContractException> refused) {
        return refused.stream().limit(REASONS_SHOWN).map(Throwable::getMessage).collect(Collectors.joining("; "))
                + (refused.size() > REASONS_SHOWN ? "; and " + (refused.size() - REASONS_SHOWN) + " more" : "");
    }

    /** A plugin that cannot read the limits out of an answer leaves the budget as it was: limits are no reason to fail. */
    private void adoptStatedLimits(Response response) {
        try {
            budget.adopt(exchange.rateLimits(response));
        } catch (RuntimeException e) {
            LOG.warn("gateway '{}': the {} plugin could not read the rate limits the exchange states; keeping {}",
                    name, exchange.name(), budget.rules(), e);
        }
    }

    /** The account's balances. */
    public CompletableFuture<List<Balance>> account() {
        return typed(exchange.trading().account(), exchange.trading()::parseBalances);
    }

    /**
     * Places an order; an order found certainly not placed after its answer was lost is handled
     * as the gateway's settings say ({@code gateway.NAME.if-not-placed}, default
     * {@link IfNotPlaced#REPORT}). See {@link #placeOrder(OrderRequest, IfNotPlaced)}.
     */
    public CompletableFuture<Order> placeOrder(OrderRequest order) {
        return placeOrder(order, ifNotPlaced);
    }

    /**
     * Places an order. Without a client order id it gets one from the plugin first, so that an
     * order whose answer is lost can be looked up.
     *
     * <p>When the answer is lost (the connection broke after sending, a 5xx, the time-out, or a
     * 2xx that cannot be read), the gateway settles it itself unless {@code resolve-unknown} is
     * off: it looks the order up by its client order id with a growing pause; found, the future
     * completes with the order as the exchange has it; not found once the exchange's acceptance
     * window has passed, the order was certainly not placed, and is sent again with the same
     * client order id ({@link IfNotPlaced#RESEND}) or reported with {@link OrderNotPlacedException}
     * ({@link IfNotPlaced#REPORT}); still unknown after {@code resolve-within} (30 s), the future
     * fails with {@link OrderOutcomeUnknownException}, saying what was tried.
     *
     * @param order       the order
     * @param ifNotPlaced what to do with an order found certainly not placed
     */
    public CompletableFuture<Order> placeOrder(OrderRequest order, IfNotPlaced ifNotPlaced) {
        requireNonNull(order, "order is null");
        requireNonNull(ifNotPlaced, "ifNotPlaced is null");
        OrderRequest withId = order.clientOrderId().isPresent() ? order
                : order.withClientOrderId(exchange.trading().newClientOrderId());
        Request request;
        try {
            request = exchange.trading().newOrder(withId);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Order> placed = placeOnce(withId, request);
        if (resolver == null) {
            return placed;
        }
        return placed.exceptionallyCompose(e -> unwrap(e) instanceof OrderOutcomeUnknownException lost
                ? resolver.placement(withId, lost, ifNotPlaced, again -> placeOnce(again, request))
                : CompletableFuture.failedFuture(unwrap(e)));
    }

    /** Sends the order once; a lost or unreadable answer fails it with {@link OrderOutcomeUnknownException}. */
    private CompletableFuture<Order> placeOnce(OrderRequest withId, Request request) {
        OrderRef ref = OrderRef.byClientOrderId(withId.symbol(), withId.clientOrderId().orElseThrow());
        return mayHaveActed(() -> request, response -> exchange.trading().parseNewOrder(withId, response), ref);
    }

    /**
     * Cancels an order and returns it as cancelled (or as it ended, when it filled first). Where
     * the exchange acknowledges a cancel with ids only (OKX), the order is then looked up, so the
     * caller still gets all of it. A cancel whose answer was lost is settled like an order's (see
     * {@link #placeOrder(OrderRequest, IfNotPlaced)}): the order is looked up, and the cancel sent
     * again while the order is still open (repeating a cancel is harmless).
     */
    public CompletableFuture<Order> cancelOrder(OrderRef ref) {
        requireNonNull(ref, "ref is null");
        CompletableFuture<Order> cancelled = cancelOnce(ref);
        if (resolver == null) {
            return cancelled;
        }
        return cancelled.exceptionallyCompose(e -> unwrap(e) instanceof OrderOutcomeUnknownException lost
                ? resolver.cancel(ref, lost, this::cancelOnce)
                : CompletableFuture.failedFuture(unwrap(e)));
    }

    /**
     * Sends the cancel once. While lost answers are settled, the engine does not repeat it blind
     * (a repeat of a cancel that took effect is answered "unknown order"): a lost answer goes to
     * the resolver, which looks first.
     */
    private CompletableFuture<Order> cancelOnce(OrderRef ref) {
        return mayHaveActed(() -> resolver == null ? exchange.trading().cancelOrder(ref)
                        : exchange.trading().cancelOrder(ref).toBuilder().idempotent(false).build(),
                response -> exchange.trading().parseCancel(ref, response), ref)
                .thenCompose(order -> order.map(CompletableFuture::completedFuture).orElseGet(() -> queryOrder(ref)));
    }

    /**
     * A call that acts on the exchange (a placement, a cancel): an answer lost, or a 2xx the
     * plugin cannot read, fails it with {@link OrderOutcomeUnknownException}, never a plain error
     * that reads as "not done". An exchange's refusal stays what it is.
     */
    private <T> CompletableFuture<T> mayHaveActed(java.util.function.Supplier<Request> request, Function<Response, T> parse,
                                                  OrderRef ref) {
        return typed(request, response -> {
            try {
                return parse.apply(response);
            } catch (ExchangeException refused) {
                throw refused;
            } catch (RuntimeException unreadable) {
                throw new OrderOutcomeUnknownException(ref, "gateway '" + name + "': the answer (HTTP " + response.status()
                        + ") to " + OrderOutcomeUnknownException.describe(ref) + " cannot be read by the " + exchange.name()
                        + " plugin (" + Printable.of(String.valueOf(unreadable.getMessage()), 300) + "): the exchange may or may not have"
                        + " acted on it", unreadable);
            }
        }).exceptionallyCompose(e -> {
            Throwable cause = unwrap(e);
            if (cause instanceof OutcomeUnknownException unknown && !(cause instanceof OrderOutcomeUnknownException)) {
                return CompletableFuture.failedFuture(new OrderOutcomeUnknownException(ref, unknown));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /** Looks an order up. */
    public CompletableFuture<Order> queryOrder(OrderRef ref) {
        requireNonNull(ref, "ref is null");
        return typed(() -> exchange.trading().queryOrder(ref), response -> exchange.trading().parseQuery(ref, response));
    }

    /**
     * Stops watching the gateway, stops its client (queued requests end CANCELLED, their callers
     * told) and marks it DISCONNECTED. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        monitor.detach(name, "closed");
        client.stop();
        onClose.run();
        LOG.info("gateway '{}' closed", name);
    }

    @Override
    public String toString() {
        return "Gateway{" + name + ", " + exchange.name() + " at " + client.baseUrl() + ", " + monitor.status(name).state() + "}";
    }

    // ---- internals ------------------------------------------------------------------------------

    private <T> CompletableFuture<T> typed(Request request, Function<Response, T> parse) {
        return typed(() -> request, parse);
    }

    private <T> CompletableFuture<T> typed(java.util.function.Supplier<Request> request, Function<Response, T> parse) {
        Request r;
        try {
            r = request.get();
            if (requestTimeout != null) {
                r = r.toBuilder().timeout(requestTimeout).build();
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return submit(r).thenApply(parse);
    }

    private CompletableFuture<Response> send(Request request, boolean mayResync) {
        return client.submit(request).exceptionallyCompose(e -> {
            Throwable cause = unwrap(e);
            if (cause instanceof RequestFailedException failed) {
                ExchangeError error = answers.errorOf(request, failed.response());
                if (error.kind() == ErrorKind.TIMESTAMP_OUT_OF_WINDOW && mayResync && exchange.serverTimeRequest().isPresent()) {
                    LOG.warn("gateway '{}': {} {} was refused for its timestamp; measuring the clock again and sending it once more",
                            name, request.method(), request.path());
                    return syncClock().thenCompose(offset -> send(request, false));
                }
                ExchangeException ex = error.toException(name, request.method() + " " + request.path());
                ex.initCause(failed);
                return CompletableFuture.failedFuture(ex);
            }
            GatewaySettingsException settings = settingsCause(cause);
            return CompletableFuture.failedFuture(settings != null ? settings : cause);
        });
    }

    private static GatewaySettingsException settingsCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GatewaySettingsException g) {
                return g;
            }
        }
        return null;
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
