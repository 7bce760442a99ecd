package io.antrest.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.limit.RateLimitBudget;
import io.antrest.core.limit.RequestBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP client for one exchange's REST API, the successor of the seed's {@code RestClient}:
 * requests wait in a bounded queue, up to {@code sessions} of them are sent at once over as many
 * keep-alive connections (by a few I/O threads, each waiting on several connections; see
 * {@link RestClientConfig#ioThreads()}), each attempt is signed afresh, failures are retried only
 * where that is safe (with back-off and jitter, honouring {@code Retry-After}, on a scheduler: no
 * thread sleeps),
 * and every accepted request ends in exactly one terminal status that its caller hears about
 * exactly once.
 *
 * <pre>{@code
 * RestClient client = RestClient.builder("binance").signer(signer).build();
 * client.init("https://api.binance.com", null);
 * client.start(3);
 * client.addRequest(Request.get("/api/v3/time").build(), Callback.of((json, call) -> ...));
 * Response r = client.submit(Request.get("/api/v3/ping").build()).join();
 * client.stop();
 * }</pre>
 */
public class RestClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestClient.class);
    private static final long POLL_MILLIS = 100;
    /**
     * The bound of {@link #start(int)}: each session is a worker thread and a connection, and a
     * few hundred are beyond what any exchange's rate limits let through at once.
     */
    public static final CountBound SESSIONS = new CountBound("sessions", 1, 256,
            "the number of requests sent at once (the seed's session_number), each a worker thread and a connection");

    private enum State { NEW, RUNNING, STOPPING, STOPPED }

    private final String name;
    private final RestClientConfig config;
    private final RequestSigner signer;
    private final Admission admission;
    private final RequestBudget budget;
    private final AnswerClassifier classifier;
    private final List<OutcomeListener> listeners = new CopyOnWriteArrayList<>();
    private final Redactor redactor;

    private final LinkedBlockingDeque<Call> queue = new LinkedBlockingDeque<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Set<Call> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final Object joinLock = new Object();
    private final Object lifecycle = new Object();

    private final LongAdder submitted = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder success = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LatencyHistogram latency = new LatencyHistogram();

    private volatile String baseUrl = "";
    private volatile ProxyConfig proxy;
    private volatile State state = State.NEW;
    private volatile Transport transport;
    private volatile SelectorTransport io;
    private volatile ScheduledThreadPoolExecutor scheduler;
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    /** The I/O threads (none with a thread per session); an array, to wake one without an iterator per request. */
    private volatile Loop[] loopArray = new Loop[0];

    /** A client with the default configuration, no signer, no admission and no budget. */
    public RestClient(String name) {
        this(builder(name));
    }

    private RestClient(Builder b) {
        this.name = b.name;
        this.config = b.config;
        this.signer = b.signer;
        this.admission = b.admission;
        this.budget = b.budget != null ? b.budget : RateLimitBudget.unlimited(b.config.clock());
        this.classifier = b.classifier;
        this.listeners.addAll(b.listeners);
        this.redactor = Redactor.of(b.signer.secretNames());
    }

    /** A builder for a client called {@code name} (the gateway's name). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Sets the API root and, optionally, an HTTP proxy (the seed's {@code init}). The proxy
     * takes effect at {@link #start}; the base URL at once.
     *
     * @param baseUrl the API root, e.g. {@code https://api.binance.com}
     * @param proxy   the proxy, or null for a direct connection
     * @throws IllegalArgumentException when the base URL is not an http or https URL
     */
    public void init(String baseUrl, ProxyConfig proxy) {
        setUrl(baseUrl);
        this.proxy = proxy;
    }

    /** Sets the API root only; see {@link #init(String, ProxyConfig)}. */
    public void init(String baseUrl) {
        init(baseUrl, null);
    }

    /** Changes the API root (the seed's {@code set_url}). */
    public void setUrl(String baseUrl) {
        this.baseUrl = checkBaseUrl(baseUrl);
    }

    /** The API root. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The proxy, if one was set. */
    public Optional<ProxyConfig> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** The client's (gateway's) name. */
    public String name() {
        return name;
    }

    /** The configuration. */
    public RestClientConfig config() {
        return config;
    }

    /** The rate-limit budget this client spends before every attempt. */
    public RequestBudget budget() {
        return budget;
    }

    /** The relative path made absolute (the seed's {@code make_full_url}). */
    public String makeFullUrl(String path) {
        return baseUrl + path;
    }

    /** Adds a listener of attempts and outcomes. */
    public void addListener(OutcomeListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Removes a listener. */
    public void removeListener(OutcomeListener listener) {
        listeners.remove(listener);
    }

    /**
     * Starts the client with {@code sessions} keep-alive connections, each carrying one request at
     * a time, all at once: shared among {@link RestClientConfig#ioThreads()} I/O threads (by
     * default one per core), or each with a worker thread of its own (ioThreads 0, or behind a
     * proxy). Callbacks run on those threads. Requests queued before the start are sent now.
     * Starting a running client does nothing.
     *
     * @throws IllegalArgumentException when sessions is outside {@link #SESSIONS}, 1 to 256
     * @throws ClientStateException     when the base URL is not set or the client was stopped
     */
    public void start(int sessions) {
        SESSIONS.check(sessions);
        synchronized (lifecycle) {
            if (state == State.RUNNING) {
                return;
            }
            if (state != State.NEW) {
                throw new ClientStateException("client '" + name + "' was stopped and cannot start again; make a new one");
            }
            if (baseUrl.isEmpty()) {
                throw new ClientStateException("client '" + name + "' has no base URL: call init(baseUrl, proxy) before start");
            }
            ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "antrest-" + name + "-scheduler"));
            s.setRemoveOnCancelPolicy(true);
            scheduler = s;
            AttemptDeadline deadline = new AttemptDeadline(s);
            // by default a thread with one connection waits in a blocking read, cheaper than in a selector
            int cores = Runtime.getRuntime().availableProcessors();
            int ioThreads = Math.min(sessions, config.ioThreads().orElse(cores < sessions ? cores : 0));
            if (proxy == null && ioThreads > 0) {
                startLoops(sessions, ioThreads, deadline);
            } else {
                transport = proxy == null ? new DirectTransport(config, deadline)
                        : new HttpClientTransport(sessions, proxy, config, deadline);
                state = State.RUNNING;
                for (int i = 1; i <= sessions; i++) {
                    Worker w = new Worker("antrest-" + name + "-worker-" + i);
                    workers.add(w);
                    w.start();
                }
            }
        }
        LOG.info("REST client '{}' started: {} sessions to {}{}, {}", name, sessions, Redactor.url(baseUrl),
                proxy == null ? "" : " through proxy " + proxy,
                loopArray.length > 0 ? loopArray.length + " I/O thread(s)" : "a thread per session");
    }

    /** The sessions shared out among {@code threads} I/O loops, each a thread. */
    private void startLoops(int sessions, int threads, AttemptDeadline deadline) {
        SelectorTransport t = new SelectorTransport(name, config, deadline);
        io = t;
        Loop[] started = new Loop[threads];
        for (int i = 0; i < threads; i++) {
            int share = sessions / threads + (i < sessions % threads ? 1 : 0);
            started[i] = new Loop("antrest-" + name + "-io-" + (i + 1), t.loop(share));
        }
        loopArray = started;
        state = State.RUNNING;
        for (Loop l : started) {
            l.start();
        }
    }

    /** Whether the calling thread is one of this client's workers or I/O threads. */
    private boolean onOwnThread() {
        Thread t = Thread.currentThread();
        return t instanceof Worker w && w.owner() == this || t instanceof Loop l && l.owner() == this;
    }

    /** Whether the client is running. */
    public boolean isActive() {
        return state == State.RUNNING;
    }

    /**
     * Queues a request; {@code callback} hears how it ends, exactly once. When the request cannot
     * be taken (queue full, dropped by admission, client stopped) the callback hears it at once,
     * on this thread; this method never blocks. Otherwise the callback runs on one of the client's
     * I/O threads (or its worker): keep it short, and hand slow work (a database write, a blocking
     * call) to an executor of your own, for while it runs that thread sends and reads nothing.
     *
     * @return the call, to follow its status
     */
    public Call addRequest(Request request, Callback callback) {
        Call call = newCall(request, callback);
        accept(call);
        return call;
    }

    private Call newCall(Request request, Callback callback) {
        requireNonNull(request, "request is null");
        requireNonNull(callback, "callback is null");
        Call call = new Call(ids.incrementAndGet(), name, request, callback, redactor, config.clock().instant(),
                System.nanoTime());
        submitted.increment();
        pending.incrementAndGet();
        return call;
    }

    /**
     * Queues a request and returns its answer to come: completed with the 2xx response, or
     * failed with {@link RequestFailedException} (a non-2xx answer), {@link TransportException},
     * {@link OutcomeUnknownException}, {@link QueueFullException}, {@link RequestDroppedException},
     * {@link RequestCancelledException} or {@link MalformedResponseException}.
     */
    public CompletableFuture<Response> submit(Request request) {
        CompletableFuture<Response> future = new CompletableFuture<>();
        addRequest(request, new FutureCallback(future));
        return future;
    }

    /**
     * Sends a request and waits for its answer (the seed's synchronous {@code request}), with the
     * same admission, budget, signing and retries. With a worker thread per session, when nothing
     * waits in the queue and a worker is idle, the request is sent on the calling thread over that
     * worker's connection (the worker sends nothing meanwhile), sparing the hand-off to a worker
     * and back; otherwise (and always with I/O threads) it is queued.
     *
     * @return the 2xx response
     * @throws RestException as {@link #submit} fails
     * @throws ClientStateException when the client is not running, or when called on one of its
     *                              own threads (from a callback), where it would wait for itself
     */
    public Response request(Request request) {
        if (onOwnThread()) {
            throw new ClientStateException("request() was called on a thread of client '" + name
                    + "' (from a callback?): it would wait for itself. Use submit() and chain on the future");
        }
        if (state != State.RUNNING) {
            throw new ClientStateException("client '" + name + "' is not running: call start(sessions) first");
        }
        CompletableFuture<Response> future = new CompletableFuture<>();
        Call call = newCall(request, new FutureCallback(future));
        if (!sendOnIdleSession(call)) {
            accept(call);
        }
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RestException re) {
                throw re;
            }
            throw new RestException(request.method() + " " + request.path() + " ended in error: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestException("interrupted while waiting for " + request.method() + " " + request.path(), e);
        }
    }

    /**
     * Waits until everything queued, waiting for a retry and in flight has ended (the seed's
     * {@code join}).
     *
     * @throws ClientStateException when requests are queued but the client was never started, or
     *                              when called on one of its own workers
     */
    public void join() throws InterruptedException {
        join(null);
    }

    /**
     * Waits at most {@code timeout} for everything to end.
     *
     * @return true when everything ended, false when the time ran out
     */
    public boolean join(Duration timeout) throws InterruptedException {
        if (onOwnThread()) {
            throw new ClientStateException("join() was called on a thread of client '" + name + "': it would wait for itself");
        }
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        synchronized (joinLock) {
            while (pending.get() > 0) {
                if (state == State.NEW) {
                    throw new ClientStateException("client '" + name + "' holds " + pending.get()
                            + " requests but was never started: call start(sessions) first");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(joinLock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
            }
        }
        return true;
    }

    /**
     * Stops the client: no new requests are taken; what is queued or waiting for a retry ends
     * CANCELLED (callbacks called); requests in flight finish or time out (at most
     * {@link RestClientConfig#stopTimeout()}, then they are aborted). Returns when every worker
     * and the scheduler have ended; no thread is left behind.
     */
    public void stop() {
        synchronized (lifecycle) {
            if (state == State.STOPPING || state == State.STOPPED) {
                return;
            }
            boolean wasRunning = state == State.RUNNING;
            state = State.STOPPING;
            if (!wasRunning) {
                cancelAllWaiting();
                state = State.STOPPED;
                return;
            }
        }
        cancelAllWaiting();
        for (Loop l : loopArray) {
            l.io.post(() -> { });
        }
        long deadline = System.nanoTime() + config.stopTimeout().toNanos();
        boolean onWorker = onOwnThread();
        if (!onWorker) {
            if (!awaitWorkers(deadline)) {
                LOG.warn("client '{}': requests still in flight after {}; aborting them", name, config.stopTimeout());
                if (transport != null) {
                    transport.abort();
                }
                for (Loop l : loopArray) {
                    l.io.abort();
                }
                awaitWorkers(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            }
        }
        scheduler.shutdownNow();
        cancelAllWaiting();
        if (io != null) {
            io.close();
        }
        if (!onWorker && transport != null) {
            transport.close();
        }
        state = State.STOPPED;
        LOG.info("REST client '{}' stopped", name);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** A snapshot of the counters. */
    public ClientMetrics metrics() {
        return new ClientMetrics(submitted.sum(), queued.get() + waiting.size(), inFlight.get(), success.sum(),
                failed.sum(), errors.sum(), dropped.sum(), cancelled.sum(), retries.sum(),
                latency.percentileMillis(0.50), latency.percentileMillis(0.99));
    }

    /** How many calls wait in the queue or for a retry now. */
    public int queued() {
        return queued.get() + waiting.size();
    }

    @Override
    public String toString() {
        return "RestClient{" + name + ", " + state + ", " + Redactor.url(baseUrl) + "}";
    }

    // ---- the pipeline ------------------------------------------------------------------------

    private void accept(Call call) {
        if (!admitted(call)) {
            return;
        }
        call.status(RequestStatus.QUEUED);
        // A worker's callback that asks for the next request keeps it, when nothing else waits:
        // handing it to another worker would wake a thread (a context switch) for every request.
        if (Thread.currentThread() instanceof Worker w && w.owner() == this && queue.isEmpty() && w.kept.get() == null) {
            // only the worker itself fills its slot, so nothing is lost between the look and the set
            w.keptAt = System.nanoTime();
            w.kept.set(call);
            return;
        }
        queue.offerLast(call);
        if ((state == State.STOPPING || state == State.STOPPED) && queue.remove(call)) {
            queued.decrementAndGet();
            endStopped(call);
            return;
        }
        wakeLoop();
    }

    /**
     * Wakes an I/O loop that waits with a free connection, for a call just queued; none when the
     * calling thread is a loop of this client with a free connection (it takes the call itself
     * once its callback returns, with no thread switch).
     */
    private void wakeLoop() {
        Loop[] ls = loopArray;
        if (ls.length == 0) {
            return;
        }
        if (Thread.currentThread() instanceof Loop self && self.owner() == this && self.io.hasFree()) {
            return;
        }
        for (Loop l : ls) {
            if (l.io.wake()) {
                return;
            }
        }
    }

    /**
     * Sends {@code call} on this thread with the connection of an idle worker, when nothing waits in
     * the queue (it would jump ahead) and a worker is idle; the worker takes its connection back after.
     *
     * @return false when no worker was idle: the call is untouched
     */
    private boolean sendOnIdleSession(Call call) {
        if (!queue.isEmpty()) {
            return false;
        }
        for (Worker w : workers) {
            if (w.lend()) {
                try {
                    if (admitted(call)) {
                        queued.decrementAndGet();
                        processSafely(call, w.session);
                    }
                } finally {
                    w.giveBack();
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code call} may wait in the queue, counted in {@link #queued}; when not (the client
     * stopped, admission dropped it, the queue is full), it has ended.
     */
    private boolean admitted(Call call) {
        Request request = call.request();
        if (state == State.STOPPING || state == State.STOPPED) {
            finish(call, RequestStatus.CANCELLED, null,
                    new RequestCancelledException("client '" + name + "' is stopped; " + request + " was not taken"));
            return false;
        }
        AdmissionDecision decision = admit(request, Admission.Stage.ENQUEUE);
        if (decision.verdict() == AdmissionDecision.Verdict.DROP) {
            finish(call, RequestStatus.DROPPED, null, new RequestDroppedException(
                    "dropped " + request.method() + " " + request.path() + " of client '" + name + "': " + decision.reason()));
            return false;
        }
        int depth = queued.incrementAndGet();
        if (request.droppable() && depth > config.droppableSoftLimit()) {
            queued.decrementAndGet();
            finish(call, RequestStatus.DROPPED, null, new RequestDroppedException("dropped " + request.method() + " "
                    + request.path() + ": client '" + name + "' has " + (depth - 1) + " requests queued, over the soft limit of "
                    + config.droppableSoftLimit() + " for droppable requests"));
            return false;
        }
        if (depth > config.queueCapacity()) {
            queued.decrementAndGet();
            finish(call, RequestStatus.ERROR, null, new QueueFullException("the queue of client '" + name + "' is full ("
                    + config.queueCapacity() + " requests): " + request.method() + " " + request.path()
                    + " was refused at once and not sent; slow down or raise queueCapacity"));
            return false;
        }
        return true;
    }

    private void work(Worker self) {
        try (Transport.Session session = transport.open()) {
            self.session = session;
            self.free();
            try {
                serve(self, session);
            } finally {
                self.retire();
            }
        } finally {
            workers.remove(self);
        }
    }

    private void serve(Worker self, Transport.Session session) {
        while (true) {
            Call call = self.kept.get() != null ? self.kept.getAndSet(null) : null;
            if (call == null) {
                try {
                    call = queue.pollFirst(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    if (state != State.RUNNING) {
                        return;
                    }
                    continue;
                }
            }
            if (call == null) {
                call = stealKept(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            }
            if (call == null) {
                if (state != State.RUNNING) {
                    return;
                }
                continue;
            }
            if (!self.take()) {
                // a request() caller is sending on this worker's connection: the call waits at the head of the queue
                queue.offerFirst(call);
                self.awaitReturn();
                continue;
            }
            queued.decrementAndGet();
            try {
                processSafely(call, session);
            } finally {
                self.free();
            }
        }
    }

    /**
     * An I/O loop's thread: while a connection is free, it takes the next call and sends it; then
     * it waits for answers (running their callbacks) or for a call to be queued. It ends once the
     * client stops and nothing of its own is in flight.
     */
    private void loop(Loop self) {
        SelectorTransport.Loop lp = self.io;
        BooleanSupplier workWaiting = () -> !queue.isEmpty();
        try {
            while (true) {
                while (lp.hasFree() && state == State.RUNNING) {
                    Call call = queue.pollFirst();
                    if (call == null) {
                        break;
                    }
                    queued.decrementAndGet();
                    Transport.Sender sender = lp.take();
                    try {
                        processSafely(call, sender);
                    } finally {
                        lp.release(sender);
                    }
                }
                if (state != State.RUNNING && !lp.busy()) {
                    return;
                }
                try {
                    lp.poll(POLL_MILLIS, workWaiting);
                } catch (IOException e) {
                    LOG.warn("client '{}': waiting for I/O failed; going on", name, e);
                }
            }
        } catch (Throwable t) {
            LOG.error("client '{}': the I/O thread {} failed; its requests in flight end in error", name, self.getName(), t);
        } finally {
            lp.close();
        }
    }

    private void processSafely(Call call, Transport.Sender session) {
        try {
            process(call, session);
        } catch (Throwable t) {
            LOG.error("client '{}': unexpected error while processing {}; the worker goes on", name, call, t);
            finish(call, RequestStatus.ERROR, null, new RestException("unexpected error while processing "
                    + call.request().method() + " " + call.request().path() + ": " + t, t));
        }
    }

    /**
     * A call kept for at least {@code keptNanos} by a worker that is still busy (its callback
     * blocks), taken by one that found nothing to do for {@link #POLL_MILLIS}: a kept call waits
     * at most about twice that for a free worker, and a worker about to take its own is left alone.
     */
    private Call stealKept(long keptNanos) {
        long now = System.nanoTime();
        for (Worker w : workers) {
            if (w.kept.get() != null && now - w.keptAt >= keptNanos) {
                Call c = w.kept.getAndSet(null);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    private void process(Call call, Transport.Sender session) {
        if (state != State.RUNNING) {
            endStopped(call);
            return;
        }
        Request request = call.request();
        AdmissionDecision decision = admit(request, Admission.Stage.SEND);
        if (decision.verdict() == AdmissionDecision.Verdict.DROP) {
            finish(call, RequestStatus.DROPPED, null, new RequestDroppedException(
                    "dropped " + request.method() + " " + request.path() + " of client '" + name + "': " + decision.reason()));
            return;
        }
        if (decision.verdict() == AdmissionDecision.Verdict.DEFER) {
            long nanos = Duration.between(config.clock().instant(), decision.notBefore()).toNanos();
            schedule(call, Math.max(nanos, 0));
            return;
        }
        long waitMillis = budget.tryAcquire(request);
        if (waitMillis > 0) {
            schedule(call, TimeUnit.MILLISECONDS.toNanos(waitMillis));
            return;
        }
        int attempt = call.nextAttempt();
        if (attempt > 1) {
            retries.increment();
        }
        call.status(RequestStatus.SENDING);
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        Request signed;
        try {
            signed = signer.sign(request, new SigningContext(baseUrl, attempt, config.clock()));
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            // antrest's own errors (missing credentials, a bad key) are written to be shown and name the fix;
            // another exception of a signer may describe the key, so only its type is shown.
            String why = e instanceof RestException ? e.getMessage()
                    : e.getClass().getSimpleName() + "; check the credentials";
            finish(call, RequestStatus.ERROR, null, new RestException("signing " + request.method() + " "
                    + request.path() + " failed: " + why, e));
            return;
        }
        session.send(signed, baseUrl, attempt, (response, error) -> {
            inFlight.decrementAndGet();
            try {
                attempted(call, attempt, start, response, error);
            } catch (Throwable t) {
                LOG.error("client '{}': unexpected error while reading the answer to {}", name, call, t);
                finish(call, RequestStatus.ERROR, null, new RestException("unexpected error while reading the answer to "
                        + request.method() + " " + request.path() + ": " + t, t));
            }
        });
    }

    /** The second half of {@link #process}: what attempt {@code attempt} came to, judged, told, and retried or ended. */
    private void attempted(Call call, int attempt, long start, Response response, Throwable error) {
        Request request = call.request();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (response != null) {
            budget.answered(elapsed);
        }
        AnswerVerdict verdict = response == null ? null : judge(request, response);
        Optional<Duration> retryAfter = response == null ? Optional.empty()
                : capped(request, response, Classifier.retryAfter(response, config.clock()).or(verdict::retryAfter));
        if (response != null) {
            call.response(response, verdict);
        }
        if (!listeners.isEmpty()) {
            Attempt a = new Attempt(name, call, attempt, Optional.ofNullable(response), Optional.ofNullable(error), elapsed,
                    retryAfter, Optional.ofNullable(verdict));
            for (OutcomeListener l : listeners) {
                try {
                    l.onAttempt(a);
                } catch (RuntimeException e) {
                    LOG.warn("client '{}': attempt listener {} threw; ignored", name, l, e);
                }
            }
        }
        if (response != null) {
            answered(call, response, verdict, retryAfter);
        } else {
            call.lastError(error);
            broken(call, error);
        }
    }

    /**
     * The exchange's wait, cut to {@link RestClientConfig#retryAfterCap()}: one answer asking for
     * years must not park the gateway for years. Everything downstream (the retry, the monitor,
     * the rate-limit buckets) hears the cut wait.
     */
    private Optional<Duration> capped(Request request, Response response, Optional<Duration> asked) {
        Duration cap = config.retryAfterCap();
        if (asked.isEmpty() || asked.get().compareTo(cap) <= 0) {
            return asked;
        }
        LOG.warn("client '{}': the exchange answered HTTP {} to {} {} and asked to wait {} s; waiting the cap of {} s"
                        + " instead (retryAfterCap, setting antrest.client.retry-after-cap), then asking it again",
                name, response.status(), request.method(), request.path(), asked.get().toSeconds(), cap.toSeconds());
        return Optional.of(cap);
    }

    /**
     * The classifier's verdict; the HTTP status's when it throws, or calls a non-2xx answer a
     * success. A 2xx answer that is not JSON is the engine's to report (malformed: for an order,
     * it may have been placed), whatever a classifier would make of it: never a plain refusal.
     */
    private AnswerVerdict judge(Request request, Response response) {
        if (response.isSuccess()) {
            try {
                response.json();
            } catch (MalformedResponseException e) {
                return AnswerVerdict.ofStatus(response.status());
            }
        }
        AnswerVerdict v;
        try {
            v = requireNonNull(classifier.classify(request, response), "the answer classifier returned null");
        } catch (RuntimeException e) {
            LOG.warn("client '{}': the answer classifier threw on {} {} (HTTP {}); judging by the status",
                    name, request.method(), request.path(), response.status(), e);
            return AnswerVerdict.ofStatus(response.status());
        }
        if (v.isSuccess() && !response.isSuccess()) {
            return AnswerVerdict.ofStatus(response.status());
        }
        return v;
    }

    private void answered(Call call, Response response, AnswerVerdict verdict, Optional<Duration> retryAfter) {
        Request request = call.request();
        int status = response.status();
        if (verdict.isSuccess()) {
            JsonNode json;
            try {
                json = response.json();
            } catch (MalformedResponseException e) {
                finish(call, RequestStatus.ERROR, null, request.idempotent() ? new MalformedResponseException(
                        request.method() + " " + request.path() + ": " + e.getMessage() + notJsonHint(response), e)
                        : unreadable(request, e.getMessage(), e));
                return;
            }
            finish(call, RequestStatus.SUCCESS, json, null);
            return;
        }
        if (verdict.kind() == AnswerVerdict.Kind.REFUSED) {
            finish(call, RequestStatus.FAILED, null, null);
            return;
        }
        if (!request.idempotent()) {
            if (verdict.kind() == AnswerVerdict.Kind.UNAVAILABLE) {
                finish(call, RequestStatus.ERROR, null, new OutcomeUnknownException(request.method() + " " + request.path()
                        + " was answered HTTP " + status + (verdict.reason().isEmpty() || verdict.reason().equals("HTTP " + status)
                        ? "" : " (" + verdict.reason() + ")")
                        + ": the exchange may or may not have acted on it, so it was not sent again."
                        + " Look it up (by its client order id) before sending it again"));
            } else {
                // a throttle is a definite refusal: nothing was done, and an order is not re-sent late.
                finish(call, RequestStatus.FAILED, null, null);
            }
            return;
        }
        if (call.attempts() >= request.maxAttempts()) {
            finish(call, RequestStatus.FAILED, null, null);
            return;
        }
        Duration backoff = config.retryPolicy().backoff(call.attempts(), ThreadLocalRandom.current());
        if (retryAfter.isPresent()) {
            if (retryAfter.get().compareTo(config.retryPolicy().maxRetryAfter()) > 0) {
                finish(call, RequestStatus.FAILED, null, null);
                return;
            }
            backoff = retryAfter.get().plus(backoff.dividedBy(10));
        }
        schedule(call, backoff.toNanos());
    }

    /**
     * A request that is not idempotent (an order) was answered but the answer cannot be read (not
     * JSON, cut short, over the size limit): the exchange got it and may well have acted on it, so
     * its outcome is unknown, never a plain error that reads as "not done".
     */
    private static OutcomeUnknownException unreadable(Request request, String problem, Throwable cause) {
        return new OutcomeUnknownException(request.method() + " " + request.path() + " was answered but the answer cannot"
                + " be read (" + problem + "): the exchange may or may not have acted on it, so it was not sent again."
                + " Look it up (by its client order id) before sending it again", cause);
    }

    /** What a 2xx answer that is not JSON looked like, and the usual reason for one. */
    private String notJsonHint(Response response) {
        String start = Printable.of(response.bodyText().strip().replaceAll("\\s+", " "), 100);
        return "; it came as " + Printable.of(response.header("Content-Type").orElse("no Content-Type"), 100) + " and began \""
                + start + "\". Check that the base URL (" + Redactor.url(baseUrl) + ") is the exchange's REST API"
                + " root: a page or text in place of JSON usually comes from a wrong URL, a proxy or a maintenance page";
    }

    private void broken(Call call, Throwable error) {
        Request request = call.request();
        String what = request.method() + " " + request.path();
        if (error instanceof ResponseTooLargeException) {
            finish(call, RequestStatus.ERROR, null, request.idempotent() ? new MalformedResponseException(error.getMessage(), error)
                    : unreadable(request, error.getMessage(), error));
            return;
        }
        if (Classifier.tlsRefused(error)) {
            // a certificate or hostname that does not verify will not verify on the next attempt either
            finish(call, RequestStatus.ERROR, null, new TransportException(what + " was not sent: " + describeTls(error), error));
            return;
        }
        if (error instanceof RuntimeException && !(error instanceof java.io.UncheckedIOException)) {
            finish(call, RequestStatus.ERROR, null, new RestException(what + " could not be sent: " + printable(error.getMessage()), error));
            return;
        }
        boolean nothingSent = Classifier.nothingReachedServer(error);
        if (!nothingSent && !request.idempotent()) {
            finish(call, RequestStatus.ERROR, null, new OutcomeUnknownException(what + " was sent but its answer was lost ("
                    + describe(error) + "): the exchange may or may not have acted on it, so it was not sent again."
                    + " Look it up (by its client order id) before sending it again", error));
            return;
        }
        if (call.attempts() >= request.maxAttempts()) {
            finish(call, RequestStatus.ERROR, null, new TransportException(what + " failed after " + call.attempts()
                    + " attempt(s): " + describe(error), error));
            return;
        }
        schedule(call, config.retryPolicy().backoff(call.attempts(), ThreadLocalRandom.current()).toNanos());
    }

    private void schedule(Call call, long delayNanos) {
        call.status(RequestStatus.WAITING_RETRY);
        waiting.add(call);
        try {
            scheduler.schedule(() -> {
                if (waiting.remove(call)) {
                    requeue(call);
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            if (waiting.remove(call)) {
                endStopped(call);
            }
        }
    }

    private void requeue(Call call) {
        queued.incrementAndGet();
        call.status(RequestStatus.QUEUED);
        queue.offerFirst(call);
        if (state != State.RUNNING && queue.remove(call)) {
            queued.decrementAndGet();
            endStopped(call);
            return;
        }
        wakeLoop();
    }

    /** Ends a call that the stop caught before its next attempt. */
    private void endStopped(Call call) {
        Request request = call.request();
        if (call.attempts() == 0) {
            finish(call, RequestStatus.CANCELLED, null, new RequestCancelledException("client '" + name
                    + "' stopped before " + request.method() + " " + request.path() + " was sent"));
        } else if (call.response().isPresent()) {
            finish(call, RequestStatus.FAILED, null, null);
        } else {
            finish(call, RequestStatus.ERROR, null, new TransportException("client '" + name + "' stopped before retrying "
                    + request.method() + " " + request.path() + "; the last attempt failed: " + describe(call.lastError()),
                    call.lastError()));
        }
    }

    private void cancelAllWaiting() {
        Call call;
        while ((call = queue.pollFirst()) != null || (call = stealKept(0)) != null) {
            queued.decrementAndGet();
            endStopped(call);
        }
        for (Call c : new ArrayList<>(waiting)) {
            if (waiting.remove(c)) {
                endStopped(c);
            }
        }
    }

    private void finish(Call call, RequestStatus status, JsonNode json, Throwable error) {
        if (!call.end(status, error)) {
            return;
        }
        try {
            long nanos = System.nanoTime() - call.submittedNanos();
            switch (status) {
                case SUCCESS -> success.increment();
                case FAILED -> failed.increment();
                case ERROR -> errors.increment();
                case DROPPED -> dropped.increment();
                default -> cancelled.increment();
            }
            if (status == RequestStatus.SUCCESS || status == RequestStatus.FAILED) {
                latency.record(nanos);
            }
            if (!listeners.isEmpty()) {
                Outcome outcome = new Outcome(name, call, status, call.response(), Optional.ofNullable(error), Duration.ofNanos(nanos));
                for (OutcomeListener l : listeners) {
                    try {
                        l.onOutcome(outcome);
                    } catch (RuntimeException e) {
                        LOG.warn("client '{}': outcome listener {} threw; ignored", name, l, e);
                    }
                }
            }
            Callback cb = call.callback();
            try {
                switch (status) {
                    case SUCCESS -> cb.onSuccess(json, call);
                    case FAILED -> {
                        Response r = call.response().orElseThrow();
                        cb.onFailed(r.status(), r, call);
                    }
                    default -> cb.onError(error, call);
                }
            } catch (Throwable t) {
                LOG.error("client '{}': the callback of {} threw; the worker goes on", name, call, t);
            }
        } finally {
            if (pending.decrementAndGet() == 0) {
                synchronized (joinLock) {
                    joinLock.notifyAll();
                }
            }
        }
    }

    private AdmissionDecision admit(Request request, Admission.Stage stage) {
        try {
            return admission.admit(name, request, stage);
        } catch (RuntimeException e) {
            LOG.warn("client '{}': admission threw at {}; admitting {} {}", name, stage, request.method(), request.path(), e);
            return AdmissionDecision.admit();
        }
    }

    private boolean awaitWorkers(long deadlineNanos) {
        List<Thread> threads = new ArrayList<>(workers);
        threads.addAll(Arrays.asList(loopArray));
        for (Thread t : threads) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return workers.isEmpty() && Arrays.stream(loopArray).noneMatch(Thread::isAlive);
    }

    private String describeTls(Throwable error) {
        if (error instanceof NotSentException) {
            return error.getMessage();
        }
        return Tls.refused(java.net.URI.create(baseUrl).getHost(), error);
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        String msg = printable(error.getMessage());
        if (error instanceof NotSentException) {
            return msg;
        }
        return error.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
    }

    /**
     * A transport's message made fit for ours: it may quote what the server sent (a broken status
     * line) or a URL with its credentials, so control characters are escaped and URLs redacted.
     */
    private static String printable(String message) {
        return message == null ? "" : Printable.of(Redactor.url(message), 1000);
    }

    private static Thread daemon(Runnable r, String threadName) {
        Thread t = new Thread(r, threadName);
        t.setDaemon(true);
        return t;
    }

    private static String checkBaseUrl(String baseUrl) {
        requireNonNull(baseUrl, "baseUrl is null");
        String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("base URL \"" + Redactor.url(baseUrl) + "\" is not a URL: " + e.getReason()
                    + "; give one like https://api.binance.com");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("base URL \"" + Redactor.url(baseUrl) + "\" is not an http(s) URL with a host;"
                    + " give one like https://api.binance.com");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("base URL \"" + Redactor.url(baseUrl) + "\" must not have a query or fragment");
        }
        return url;
    }

    /** Builds a {@link RestClient} from its collaborators; all but the name are optional. */
    public static final class Builder {
        private final String name;
        private RestClientConfig config = RestClientConfig.defaults();
        private RequestSigner signer = RequestSigner.NONE;
        private Admission admission = Admission.ALWAYS;
        private RequestBudget budget;
        private AnswerClassifier classifier = AnswerClassifier.HTTP_STATUS;
        private final List<OutcomeListener> listeners = new ArrayList<>();

        private Builder(String name) {
            requireNonNull(name, "name is null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a client needs a name (its gateway's name)");
            }
            this.name = name;
        }

        /** Sets the configuration. */
        public Builder config(RestClientConfig config) {
            this.config = requireNonNull(config, "config is null");
            return this;
        }

        /** Sets the signer (the exchange's authentication). */
        public Builder signer(RequestSigner signer) {
            this.signer = requireNonNull(signer, "signer is null");
            return this;
        }

        /** Sets the admission (the monitor). */
        public Builder admission(Admission admission) {
            this.admission = requireNonNull(admission, "admission is null");
            return this;
        }

        /** Sets the rate-limit budget: one bucket ({@link RateLimitBudget}) or several. */
        public Builder budget(RequestBudget budget) {
            this.budget = requireNonNull(budget, "budget is null");
            return this;
        }

        /** Sets how answers are read (default: by HTTP status); see {@link AnswerClassifier}. */
        public Builder classifier(AnswerClassifier classifier) {
            this.classifier = requireNonNull(classifier, "classifier is null");
            return this;
        }

        /** Adds a listener of attempts and outcomes. */
        public Builder listener(OutcomeListener listener) {
            listeners.add(requireNonNull(listener, "listener is null"));
            return this;
        }

        /** The configuration as set so far. */
        RestClientConfig config() {
            return config;
        }

        /** Builds the client (not started). */
        public RestClient build() {
            return new RestClient(this);
        }
    }

    /** A worker thread of this client, and the one call it keeps for itself (see {@link #accept}). */
    private final class Worker extends Thread {
        private static final int FREE = 0;
        private static final int BUSY = 1;
        private static final int LENT = 2;

        final AtomicReference<Call> kept = new AtomicReference<>();
        /** When the kept call was kept (System.nanoTime()), written before the call is. */
        volatile long keptAt;
        /** Who uses the connection: nobody (FREE), the worker (BUSY) or a request() caller (LENT). */
        private final AtomicInteger use = new AtomicInteger(BUSY);
        volatile Transport.Session session;

        Worker(String threadName) {
            super(threadName);
            setDaemon(true);
        }

        RestClient owner() {
            return RestClient.this;
        }

        /** For a request() caller: the connection, if nobody uses it. */
        boolean lend() {
            return use.get() == FREE && use.compareAndSet(FREE, LENT);
        }

        /** For the worker: the connection, unless it is lent. */
        boolean take() {
            return use.compareAndSet(FREE, BUSY);
        }

        /** On the worker: its connection is free again. */
        void free() {
            use.set(FREE);
        }

        /** For the caller it was lent to: the connection is free again, and the worker may wait for it. */
        void giveBack() {
            use.set(FREE);
            LockSupport.unpark(this);
        }

        /** On the worker: waits while the connection is lent. */
        void awaitReturn() {
            while (use.get() == LENT) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
            }
        }

        /** On the worker, before its connection closes: waits for it to come back, and lends it no more. */
        void retire() {
            while (true) {
                int u = use.get();
                if (u == BUSY || (u == FREE && use.compareAndSet(FREE, BUSY))) {
                    return;
                }
                awaitReturn();
            }
        }

        @Override
        public void run() {
            work(this);
        }
    }

    /** An I/O thread of this client: one {@link SelectorTransport.Loop}, its connections and their callbacks. */
    private final class Loop extends Thread {
        final SelectorTransport.Loop io;

        Loop(String threadName, SelectorTransport.Loop io) {
            super(threadName);
            setDaemon(true);
            this.io = io;
        }

        RestClient owner() {
            return RestClient.this;
        }

        @Override
        public void run() {
            loop(this);
        }
    }

    /** Completes a future from a call's end, for {@link #submit}. */
    private static final class FutureCallback implements Callback {
        private final CompletableFuture<Response> future;

        FutureCallback(CompletableFuture<Response> future) {
            this.future = future;
        }

        @Override
        public void onSuccess(JsonNode data, Call call) {
            future.complete(call.response().orElse(null));
        }

        @Override
        public void onFailed(int status, Response response, Call call) {
            future.completeExceptionally(new RequestFailedException(call.request(), response));
        }

        @Override
        public void onError(Throwable error, Call call) {
            future.completeExceptionally(error);
        }
    }
}
