package io.antrest.app.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where {@code antrest run} serves {@code GET /metrics} and {@code GET /health}
 * ({@code antrest.monitor.http.bind}): a host and port, port 0 for any free one.
 *
 * @param host       the address to listen on, as written (an IPv6 literal without brackets)
 * @param port       the port, 0 for any free one
 * @param configured whether the settings named it (a default that cannot be had is only reported)
 */
public record HttpBind(String host, int port, boolean configured) {
    /** The default: loopback only, Prometheus's customary exporter port range. */
    public static final HttpBind DEFAULT = new HttpBind("127.0.0.1", 9464, false);
    /** What the setting must look like, for messages. */
    public static final String FORMAT = "HOST:PORT such as 127.0.0.1:9464 (0.0.0.0:9464 for every interface, port 0 for"
            + " any free one), or 0 to serve no metrics or health";

    /** Checks the arguments. */
    public HttpBind {
        requireNonNull(host, "host is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
        }
    }

    /**
     * Reads a setting: {@code HOST:PORT}, {@code [IPV6]:PORT}, or {@code 0} (empty: serve nothing).
     *
     * @throws IllegalArgumentException naming what is wrong and what is expected
     */
    public static Optional<HttpBind> parse(String value) {
        String v = requireNonNull(value, "value is null").trim();
        if (v.equals("0")) {
            return Optional.empty();
        }
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw new IllegalArgumentException("must be " + FORMAT + "; was '" + v + "'");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("must be " + FORMAT + "; an IPv6 address goes in brackets, such as [::1]:9464;"
                    + " was '" + v + "'");
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be " + FORMAT + "; '" + v.substring(colon + 1) + "' is not a port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("has port " + port + ": a port is from 1 to 65535 (0 for any free one)");
        }
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("names host '" + host + "', which does not resolve: give an address of this"
                    + " machine such as 127.0.0.1");
        }
        return Optional.of(new HttpBind(host, port, true));
    }

    /** The socket address to listen on. */
    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** {@code host:port}, an IPv6 host in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
