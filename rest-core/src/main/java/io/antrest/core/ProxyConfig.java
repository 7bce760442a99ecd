package io.antrest.core;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP proxy between the client and the exchange, with optional basic credentials; the
 * seed's {@code proxy_host}/{@code proxy_port}. The password is never printed.
 *
 * @param host     the proxy's host
 * @param port     the proxy's port, 1 to 65535
 * @param username the user name, or null for none
 * @param password the password, or null for none
 */
public record ProxyConfig(String host, int port, String username, String password) {
    /** Checks the arguments. */
    public ProxyConfig {
        requireNonNull(host, "host is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("proxy host is blank: give a host name or address");
        }
        if (host.contains("@") || host.contains("/") || host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            // not echoed: a host written as http://user:password@host holds the password
            throw new IllegalArgumentException("proxy host is not a host name or address (it holds '/', '@' or spaces):"
                    + " give the bare host, e.g. proxy.example.com, and the user name and password separately");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be 1 to 65535, was " + port);
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("proxy credentials need both a user name and a password");
        }
    }

    /** A proxy without credentials. */
    public static ProxyConfig of(String host, int port) {
        return new ProxyConfig(host, port, null, null);
    }

    /** Whether credentials were given. */
    public boolean hasCredentials() {
        return username != null;
    }

    /** Host and port, and the user name if any; never the password. */
    @Override
    public String toString() {
        return "ProxyConfig{" + (username == null ? "" : username + ":****@") + host + ":" + port + "}";
    }
}
