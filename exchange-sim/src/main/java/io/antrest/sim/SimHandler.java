package io.antrest.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one request handler: counts the request, applies the fault programme around the dialect
 * that owns the path, and writes the answer.
 */
final class SimHandler implements HttpRequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SimHandler.class);
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] MALFORMED = "{\"a\":,<html>garbage".getBytes(StandardCharsets.UTF_8);
    private static final ContentType JSON = ContentType.create("application/json", StandardCharsets.UTF_8);

    private final Dialect[] dialects;
    private final Faults faults;
    private final Counters counters;
    private final AdminEndpoint admin;
    private final ThreadLocal<SimConnection> currentConnection;

    SimHandler(Dialect[] dialects, Faults faults, Counters counters, AdminEndpoint admin,
            ThreadLocal<SimConnection> currentConnection) {
        this.dialects = dialects;
        this.faults = faults;
        this.counters = counters;
        this.admin = admin;
        this.currentConnection = currentConnection;
    }

    @Override
    public void handle(ClassicHttpRequest request, ClassicHttpResponse response, HttpContext context)
            throws IOException {
        String target = request.getPath();
        if (target == null) {
            target = "/";
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        byte[] body = readBody(request.getEntity());
        String method = request.getMethod();
        SimRequest simRequest = new SimRequest(request, method, path, query, body, remoteHost(context));

        if (path.startsWith(AdminEndpoint.PREFIX)) {
            writeUncounted(response, admin.handle(simRequest));
            return;
        }
        counters.received(path);
        Dialect dialect = dialectFor(path);
        if (dialect == null) {
            write(response, SimResponse.json(404, "{\"error\":\"no such path in the simulator: " + path.replace('"', '\'')
                    + "\"}"));
            return;
        }
        String clientOrderId = dialect.clientOrderIdOfPlacement(simRequest);
        if (clientOrderId != null) {
            counters.attempt(clientOrderId);
        }
        Duration latency = faults.latency(method, path);
        if (!latency.isZero()) {
            sleep(latency);
        }
        CountDownLatch thaw = faults.thaw();
        FaultStep step = faults.next(method, path);
        if (step != null && !step.isPassThrough()) {
            LOG.debug("fault {} on {} {}", step, method, path);
        }
        if (step != null && step.kind().beforeProcessing() && !step.isPassThrough()) {
            switch (step.kind()) {
                case RESET -> drop(step, true);
                case CLOSE -> drop(step, false);
                case HANG -> hold(thaw, Faults.holdAtMost());
                default -> {
                    write(response, retryAfter(dialect.injectedStatus(simRequest, step.status()), method, path));
                    return;
                }
            }
        }
        SimResponse answer = dialect.handle(simRequest);
        if (step != null && !step.kind().beforeProcessing()) {
            switch (step.kind()) {
                case RESET_AFTER -> drop(step, true);
                case CLOSE_AFTER -> drop(step, false);
                case STATUS_AFTER -> answer = retryAfter(dialect.injectedStatus(simRequest, step.status()), method, path);
                case DRIP -> {
                    write(response, answer);
                    response.setEntity(new DrippingEntity(answer.body(), thaw));
                    return;
                }
                case MALFORMED_JSON -> answer.status(200).body(MALFORMED);
                case TRUNCATED_JSON -> answer.body(Arrays.copyOf(answer.body(), answer.body().length / 2));
                default -> throw new IllegalStateException("unexpected fault " + step);
            }
        }
        write(response, answer);
    }

    /** The injected answer with the path's Retry-After, when a fault sets one for 429 and 418. */
    private SimResponse retryAfter(SimResponse injected, String method, String path) {
        Long seconds = faults.retryAfter(method, path);
        if (seconds == null || (injected.status() != 429 && injected.status() != 418)) {
            return injected;
        }
        injected.headers().removeIf(h -> h[0].equalsIgnoreCase("Retry-After"));
        return injected.header("Retry-After", Long.toString(seconds));
    }

    /** Holds the request (a frozen exchange) until the faults are cleared or {@code most} has passed. */
    private static void hold(CountDownLatch thaw, Duration most) throws IOException {
        try {
            thaw.await(most.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while frozen");
        }
    }

    /**
     * A body written one space every {@link Faults#DRIP_INTERVAL} (chunked, each byte flushed)
     * until the faults are cleared, then the real body: no read ever waits long, the answer never
     * ends while the fault lasts.
     */
    private static final class DrippingEntity extends AbstractHttpEntity {
        private final byte[] body;
        private final CountDownLatch thaw;

        DrippingEntity(byte[] body, CountDownLatch thaw) {
            super(JSON, null, true);
            this.body = body;
            this.thaw = thaw;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            long until = System.nanoTime() + Faults.holdAtMost().toNanos();
            try {
                while (!thaw.await(Faults.DRIP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS) && System.nanoTime() < until) {
                    out.write(' ');
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while dripping");
            }
            out.write(body);
            out.flush();
        }

        @Override
        public InputStream getContent() {
            throw new UnsupportedOperationException("a dripping body is only written");
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }

        @Override
        public boolean isStreaming() {
            return true;
        }

        @Override
        public void close() {
            // nothing held
        }
    }

    private Dialect dialectFor(String path) {
        for (Dialect d : dialects) {
            if (d.owns(path)) {
                return d;
            }
        }
        return null;
    }

    private void drop(FaultStep step, boolean reset) throws ConnectionDropped {
        SimConnection connection = currentConnection.get();
        if (connection == null) {
            throw new IllegalStateException("no connection bound to the handler thread");
        }
        if (reset) {
            connection.reset();
        } else {
            connection.closeWithoutAnswer();
        }
        throw new ConnectionDropped(step.kind().name());
    }

    private static void sleep(Duration latency) throws IOException {
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while adding latency");
        }
    }

    private static byte[] readBody(HttpEntity entity) throws IOException {
        if (entity == null) {
            return EMPTY;
        }
        try (InputStream in = entity.getContent()) {
            return in == null ? EMPTY : in.readAllBytes();
        }
    }

    private static String remoteHost(HttpContext context) {
        EndpointDetails details = HttpCoreContext.cast(context).getEndpointDetails();
        SocketAddress address = details == null ? null : details.getRemoteAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "unknown";
    }

    /** Writes an exchange answer and counts it by status. */
    private void write(ClassicHttpResponse response, SimResponse answer) {
        counters.answered(answer.status());
        writeUncounted(response, answer);
    }

    private static void writeUncounted(ClassicHttpResponse response, SimResponse answer) {
        response.setCode(answer.status());
        for (String[] header : answer.headers()) {
            response.addHeader(header[0], header[1]);
        }
        response.setEntity(new ByteArrayEntity(answer.body(), JSON));
    }
}
