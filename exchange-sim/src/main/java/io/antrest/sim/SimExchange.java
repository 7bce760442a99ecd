package io.antrest.sim;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ExceptionListener;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.ResponseContent;
import org.apache.hc.core5.http.protocol.ResponseDate;
import org.apache.hc.core5.http.protocol.ResponseServer;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback exchange speaking three dialects over real HTTP (Binance spot, BitMEX and OKX v5
 * spot): the embedded default venue of {@code antrest demo} and the server every integration test
 * talks to.
 *
 * <pre>{@code
 * try (SimExchange sim = SimExchange.builder().clock(clock).build().start()) {
 *     sim.addBinanceKey("key", "secret");
 *     sim.faults().on("POST", "/api/v3/order").resetAfterProcessing(1);
 *     ... talk to sim.binanceUrl() ...
 *     assertThat(sim.ordersPlaced("my-order-1")).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>The dialects share one port: Binance under {@code /api/v3/}, BitMEX under {@code /api/v1/},
 * OKX under {@code /api/v5/}. Signatures are checked with the simulator's own code. The simulator binds 127.0.0.1 only.
 * Thread-safe.
 */
public final class SimExchange implements AutoCloseable {

    /** The API key of the built-in Binance demo account (registered unless the builder says otherwise). */
    public static final String DEMO_BINANCE_API_KEY = "antrestDemoBinanceKey0000000000000000000000000000000000000000000";
    /** The HMAC secret of the built-in Binance demo account; a demo value, never a real credential. */
    public static final String DEMO_BINANCE_SECRET = "antrestDemoBinanceSecret000000000000000000000000000000000000000";
    /** The API key of the built-in BitMEX demo account (registered unless the builder says otherwise). */
    public static final String DEMO_BITMEX_API_KEY = "antrestDemoBitmexKey0000";
    /** The secret of the built-in BitMEX demo account; a demo value, never a real credential. */
    public static final String DEMO_BITMEX_SECRET = "antrestDemoBitmexSecret00000000000000000000000";

    /** The API key of the built-in OKX demo account (registered unless the builder says otherwise). */
    public static final String DEMO_OKX_API_KEY = "a1b2c3d4-antrest-demo-okx-key-000000000000";
    /** The secret of the built-in OKX demo account; a demo value, never a real credential. */
    public static final String DEMO_OKX_SECRET = "ANTRESTDEMOOKXSECRET000000000000";
    /** The passphrase of the built-in OKX demo account; a demo value, never a real credential. */
    public static final String DEMO_OKX_PASSPHRASE = "antrestDemoPassphrase1";

    private static final Logger LOG = LoggerFactory.getLogger(SimExchange.class);

    private final int requestedPort;
    private final Faults faults = new Faults();
    private final Counters counters = new Counters();
    private final BinanceDialect binance;
    private final BitmexDialect bitmex;
    private final OkxDialect okx;
    private final SimHandler handler;
    private final ThreadLocal<SimConnection> currentConnection = new ThreadLocal<>();
    private final Object lock = new Object();
    private HttpServer server;
    private int boundPort = -1;
    private boolean running;
    private boolean closed;

    private SimExchange(Builder builder) {
        this.requestedPort = builder.port;
        this.binance = new BinanceDialect(builder.clock, counters, builder.binanceWeightLimit,
                builder.banDuration.toMillis(), builder.binanceOrderLimit10s, builder.binanceOrderLimitDay);
        this.bitmex = new BitmexDialect(builder.clock, counters, builder.bitmexRateLimit, builder.bitmexRateLimitScale);
        this.okx = new OkxDialect(builder.clock, counters, builder.okxRateLimitScale);
        this.handler = new SimHandler(new Dialect[] {binance, bitmex, okx}, faults, counters,
                new AdminEndpoint(faults, counters), currentConnection);
        if (builder.demoKeys) {
            addBinanceKey(DEMO_BINANCE_API_KEY, DEMO_BINANCE_SECRET);
            addBitmexKey(DEMO_BITMEX_API_KEY, DEMO_BITMEX_SECRET);
            addOkxKey(DEMO_OKX_API_KEY, DEMO_OKX_SECRET, DEMO_OKX_PASSPHRASE);
        }
    }

    /** A builder with the defaults: a free port, the system UTC clock, Binance's, BitMEX's and OKX's real limits. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening on 127.0.0.1 (the port given to the builder; 0 picks a free one).
     *
     * @return this simulator, for chaining
     * @throws SimExchangeException when the port cannot be bound
     * @throws IllegalStateException when it is already running or was closed
     */
    public SimExchange start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The simulator was closed; build a new one.");
            }
            if (running) {
                throw new IllegalStateException("The simulator is already running on port " + boundPort + ".");
            }
            int port = boundPort >= 0 ? boundPort : requestedPort;
            HttpServer created = ServerBootstrap.bootstrap()
                    .setLocalAddress(InetAddress.getLoopbackAddress())
                    .setListenerPort(port)
                    .setSocketConfig(SocketConfig.custom().setSoReuseAddress(true).setTcpNoDelay(true)
                            .setBacklogSize(256).build())
                    .setConnectionFactory(socket -> {
                        SimConnection connection = new SimConnection(currentConnection);
                        connection.bind(socket);
                        return connection;
                    })
                    // no ResponseConnControl: it closes the connection after every 400 and 503,
                    // which exchanges behind their CDNs do not do
                    .setHttpProcessor(HttpProcessorBuilder.create().add(ResponseDate.INSTANCE)
                            .add(new ResponseServer("antrest-sim")).add(ResponseContent.INSTANCE).build())
                    .setExceptionListener(new QuietExceptionListener())
                    // one handler for every request and any Host header (no virtual-host routing)
                    .setRequestRouter((request, context) -> handler)
                    .create();
            try {
                created.start();
            } catch (IOException e) {
                created.close(CloseMode.IMMEDIATE);
                throw new SimExchangeException("The simulator could not listen on 127.0.0.1:" + port + " ("
                        + e.getMessage() + "). Is another process using that port? Choose another one, or 0 for"
                        + " any free port.", e);
            }
            server = created;
            boundPort = created.getLocalPort();
            running = true;
            LOG.info("Exchange simulator listening on http://127.0.0.1:{} (Binance /api/v3, BitMEX /api/v1, OKX /api/v5)", boundPort);
            return this;
        }
    }

    /**
     * Stops listening and drops every open connection at once, like an exchange going down.
     * {@link #restart()} brings it back on the same port with its state (keys, orders, counters).
     */
    public void stop() {
        HttpServer toClose;
        synchronized (lock) {
            if (!running) {
                return;
            }
            toClose = server;
            server = null;
            running = false;
            lock.notifyAll();
        }
        toClose.close(CloseMode.IMMEDIATE);
        try {
            toClose.awaitTermination(TimeValue.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Exchange simulator on port {} stopped", boundPort);
    }

    /** Starts again on the port it had before {@link #stop()}, keeping its state. */
    public SimExchange restart() {
        stop();
        return start();
    }

    /** Blocks until {@link #stop()} or {@link #close()} is called (for {@code antrest sim}). */
    public void awaitStop() throws InterruptedException {
        synchronized (lock) {
            while (running) {
                lock.wait();
            }
        }
    }

    /** Whether it is listening now. */
    public boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }

    /** Stops for good. */
    @Override
    public void close() {
        stop();
        synchronized (lock) {
            closed = true;
        }
    }

    /**
     * The port it listens on (kept across {@link #stop()} for {@link #restart()}).
     *
     * @throws IllegalStateException before the first {@link #start()}
     */
    public int port() {
        synchronized (lock) {
            if (boundPort < 0) {
                throw new IllegalStateException("The simulator has not been started; call start() first.");
            }
            return boundPort;
        }
    }

    /** The Binance base URL, {@code http://127.0.0.1:PORT}; paths are {@code /api/v3/...}. */
    public String binanceUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The BitMEX base URL, {@code http://127.0.0.1:PORT/api/v1}; paths are {@code /instrument/active}... */
    public String bitmexUrl() {
        return "http://127.0.0.1:" + port() + BitmexDialect.PREFIX;
    }

    /** The OKX base URL, {@code http://127.0.0.1:PORT}; paths are {@code /api/v5/...}. */
    public String okxUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Registers a Binance HMAC-SHA256 API key (replacing a key of the same name). */
    public SimExchange addBinanceKey(String apiKey, String hmacSecret) {
        requireNonBlank(apiKey, "apiKey");
        requireNonBlank(hmacSecret, "hmacSecret");
        binance.addKey(apiKey, BinanceKey.hmac(hmacSecret));
        return this;
    }

    /** Registers a Binance Ed25519 or RSA API key by its public key (replacing a key of the same name). */
    public SimExchange addBinanceKey(String apiKey, PublicKey publicKey) {
        requireNonBlank(apiKey, "apiKey");
        requireNonNull(publicKey, "publicKey is null");
        binance.addKey(apiKey, BinanceKey.publicKey(publicKey));
        return this;
    }

    /** Registers a BitMEX API key and secret (replacing a key of the same name). */
    public SimExchange addBitmexKey(String apiKey, String secret) {
        requireNonBlank(apiKey, "apiKey");
        requireNonBlank(secret, "secret");
        bitmex.addKey(apiKey, secret);
        return this;
    }

    /**
     * Registers an OKX API key with its secret and passphrase (replacing a key of the same name),
     * valid with or without the {@code x-simulated-trading: 1} header.
     */
    public SimExchange addOkxKey(String apiKey, String secret, String passphrase) {
        requireNonBlank(apiKey, "apiKey");
        requireNonBlank(secret, "secret");
        requireNonBlank(passphrase, "passphrase");
        okx.addKey(apiKey, secret, passphrase, null);
        return this;
    }

    /**
     * Registers an OKX API key bound to one environment, as OKX keys are: a demo-trading key
     * ({@code demoTrading} true) is refused with code 50101 ("APIKey does not match current
     * environment.") unless the request carries {@code x-simulated-trading: 1}, a live key is
     * refused when it does.
     */
    public SimExchange addOkxKey(String apiKey, String secret, String passphrase, boolean demoTrading) {
        requireNonBlank(apiKey, "apiKey");
        requireNonBlank(secret, "secret");
        requireNonBlank(passphrase, "passphrase");
        okx.addKey(apiKey, secret, passphrase, demoTrading);
        return this;
    }

    /** The fault programme. */
    public Faults faults() {
        return faults;
    }

    /** How many requests arrived for a path (without query string), faulted ones included. */
    public long received(String path) {
        requireNonNull(path, "path is null");
        return counters.countOf(path);
    }

    /** How many requests arrived on the exchange paths in total (the {@code /_sim/} endpoints excluded). */
    public long totalReceived() {
        return counters.total();
    }

    /**
     * How many orders with this client order id (Binance {@code newClientOrderId}, BitMEX
     * {@code clOrdID}, OKX {@code clOrdId}) were accepted: a correct client never makes this more
     * than 1.
     */
    public long ordersPlaced(String clientOrderId) {
        requireNonNull(clientOrderId, "clientOrderId is null");
        return counters.placedCount(clientOrderId);
    }

    /** How many order-placing requests carried this client order id, whatever became of them. */
    public long orderAttempts(String clientOrderId) {
        requireNonNull(clientOrderId, "clientOrderId is null");
        return counters.attempts(clientOrderId);
    }

    /**
     * How many answers with this HTTP status the simulator gave on the exchange paths, every
     * dialect and injected faults included (the {@code /_sim/} endpoints and dropped connections
     * excluded): {@code answers(429)} and {@code answers(418)} say whether clients were ever told
     * they went over a limit.
     */
    public long answers(int status) {
        return counters.answers(status);
    }

    /**
     * What OKX's limiter did, window by window, with one of a key's buckets (the "User ID" and
     * "User ID + Instrument ID" rules): the latest two-second window in which the bucket was
     * touched and up to 512 such windows before it, oldest first. Each gives the window's
     * start (an even second of the simulator's clock), the limit (scale included), the requests
     * allowed and those refused with 429. Empty when nothing reached that bucket.
     *
     * @param apiKey   the OKX API key the requests were signed with
     * @param endpoint {@code balance} (Get balance, 10 per 2 s), or {@code order|INST},
     *                 {@code cancel|INST}, {@code query|INST} (place, cancel and get an order on
     *                 instrument INST, e.g. {@code order|BTC-USDT}, 60 per 2 s each)
     */
    public List<LimitWindow> okxWindows(String apiKey, String endpoint) {
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(endpoint, "endpoint is null");
        return okx.windows(apiKey, endpoint);
    }

    /** Resets every counter (received, attempts, placed, answers by status); orders and balances stay. */
    public void resetCounters() {
        counters.reset();
    }

    /** Forgets used request weight, bans, BitMEX request budgets and OKX request windows (their record too). */
    public void resetRateLimits() {
        binance.resetLimits();
        bitmex.resetLimits();
        okx.resetLimits();
    }

    private static void requireNonBlank(String value, String name) {
        requireNonNull(value, name + " is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "SimExchange[" + (running ? "running on 127.0.0.1:" + boundPort : "stopped") + "]";
        }
    }

    /** Connection resets and closed sockets are the simulator's daily bread: log them quietly. */
    private static final class QuietExceptionListener implements ExceptionListener {
        @Override
        public void onError(Exception ex) {
            log(ex);
        }

        @Override
        public void onError(HttpConnection connection, Exception ex) {
            log(ex);
        }

        private static void log(Exception ex) {
            if (ex instanceof ConnectionDropped || ex instanceof ConnectionClosedException
                    || ex instanceof SocketException || ex instanceof SocketTimeoutException) {
                LOG.trace("connection ended: {}", ex.toString());
            } else {
                LOG.warn("simulator connection error: {}", ex.toString());
            }
        }
    }

    /** Configures a {@link SimExchange}; every setting has a realistic default. */
    public static final class Builder {
        private int port;
        private Clock clock = Clock.systemUTC();
        private int binanceWeightLimit = 6000;
        private Duration banDuration = Duration.ofMinutes(2);
        private int binanceOrderLimit10s = 100;
        private int binanceOrderLimitDay = 200_000;
        private int bitmexRateLimit = 120;
        private int bitmexRateLimitScale = 1;
        private int okxRateLimitScale = 1;
        private boolean demoKeys = true;

        private Builder() {
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The clock for timestamps, recvWindow, expiry, rate windows and bans (default system UTC). */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /** Binance request weight allowed per minute (default 6000, Binance's own). */
        public Builder binanceWeightLimit(int limit) {
            this.binanceWeightLimit = positive(limit, "binanceWeightLimit");
            return this;
        }

        /** How long a Binance IP ban (418) lasts (default 2 minutes, Binance's shortest). */
        public Builder banDuration(Duration duration) {
            requireNonNull(duration, "duration is null");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("banDuration must be positive, got " + duration);
            }
            this.banDuration = duration;
            return this;
        }

        /** Binance new-order limits per key: per 10 seconds (default 100) and per day (default 200000). */
        public Builder binanceOrderLimits(int per10Seconds, int perDay) {
            this.binanceOrderLimit10s = positive(per10Seconds, "per10Seconds");
            this.binanceOrderLimitDay = positive(perDay, "perDay");
            return this;
        }

        /** BitMEX requests per minute per key (default 120, BitMEX's own). */
        public Builder bitmexRateLimit(int requestsPerMinute) {
            this.bitmexRateLimit = positive(requestsPerMinute, "bitmexRateLimit");
            return this;
        }

        /**
         * Multiplies every BitMEX request limit by this factor: the key's requests per minute (as
         * {@link #bitmexRateLimit} sets it), the 30 per minute of an address without a key and the
         * order routes' 10 per second; for benchmarks and the fault suite (a product beyond an
         * int is held at {@link Integer#MAX_VALUE}). Default 1, BitMEX's own limits.
         */
        public Builder bitmexRateLimitScale(int factor) {
            this.bitmexRateLimitScale = positive(factor, "bitmexRateLimitScale");
            return this;
        }

        /**
         * Multiplies every OKX request limit (per IP, per key, per key and instrument) by this
         * factor, for benchmarks; default 1, OKX's own limits (e.g. 60 orders per 2 seconds per
         * instrument).
         */
        public Builder okxRateLimitScale(int factor) {
            this.okxRateLimitScale = positive(factor, "okxRateLimitScale");
            return this;
        }

        /** Whether the {@code DEMO_*} keys are registered (default true). */
        public Builder demoKeys(boolean register) {
            this.demoKeys = register;
            return this;
        }

        /** Builds a stopped simulator; call {@link SimExchange#start()}. */
        public SimExchange build() {
            return new SimExchange(this);
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}
