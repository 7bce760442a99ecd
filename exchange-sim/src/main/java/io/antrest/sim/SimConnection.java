package io.antrest.sim;

import java.io.IOException;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpServerConnection;
import org.apache.hc.core5.io.CloseMode;

/**
 * A server connection that the request handler can reach, so that faults can reset it or close
 * it without an answer. HttpCore's classic server serves one connection on one worker thread, so
 * the connection publishes itself in a (per-simulator) thread-local when a request arrives.
 */
final class SimConnection extends DefaultBHttpServerConnection {

    private final ThreadLocal<SimConnection> current;

    SimConnection(ThreadLocal<SimConnection> current) {
        super("http", Http1Config.DEFAULT);
        this.current = current;
    }

    @Override
    protected void onRequestReceived(ClassicHttpRequest request) {
        current.set(this);
    }

    /** Resets the connection: SO_LINGER 0 then close, so the peer sees a TCP RST. */
    void reset() {
        close(CloseMode.IMMEDIATE);
    }

    /** Closes the connection normally (TCP FIN) without writing an answer. */
    void closeWithoutAnswer() {
        try {
            close();
        } catch (IOException e) {
            close(CloseMode.IMMEDIATE);
        }
    }
}
