package io.antrest.core;

import org.apache.hc.core5.http.HttpHost;

import java.net.URI;

/**
 * A client's base URL split once into what the transports need: the host as the URL names it
 * (its port only if the URL gives one, so a proxied request line reads as the URL does), the port
 * to connect to, the {@code Host} header, and the path prefix every request path goes under.
 */
record BaseUrl(String url, HttpHost host, int port, String hostHeader, String basePath) {

    static BaseUrl of(String url) {
        URI uri = URI.create(url);
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int defaultPort = https ? 443 : 80;
        int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort;
        String p = uri.getRawPath();
        String basePath = p == null || p.equals("/") ? "" : p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        String hostHeader = port == defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
        return new BaseUrl(url, new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort()), port, hostHeader, basePath);
    }

    /** {@code path} (with its query) under the base path, as the request line carries it. */
    String target(Request request) {
        return basePath.isEmpty() ? request.pathWithQuery() : basePath + request.pathWithQuery();
    }

    boolean https() {
        return "https".equalsIgnoreCase(host.getSchemeName());
    }
}
