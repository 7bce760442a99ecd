package io.antrest.core;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * What a direct transport's connections share about where they connect: the base URL split once
 * (again only when it changes), the TLS context made on first use, hostname verification, and
 * the words for a connection that could not be made. Certificate and hostname are verified,
 * always.
 */
final class Endpoint {
    private final RestClientConfig config;
    private volatile SSLContext tls;
    private volatile BaseUrl target = BaseUrl.of("http://localhost");

    Endpoint(RestClientConfig config) {
        this.config = config;
    }

    /** {@code baseUrl}, split. */
    BaseUrl target(String baseUrl) {
        BaseUrl t = target;
        if (!t.url().equals(baseUrl)) {
            t = BaseUrl.of(baseUrl);
            target = t;
        }
        return t;
    }

    /** The client's TLS context. */
    SSLContext tls() {
        SSLContext c = tls;
        if (c == null) {
            c = Tls.context(config);
            tls = c;
        }
        return c;
    }

    /** {@code params} with the hostname checked against the certificate (as HTTPS does). */
    static SSLParameters verifyingHostname(SSLParameters params) {
        params.setEndpointIdentificationAlgorithm("HTTPS");
        return params;
    }

    /**
     * Why a connection to {@code t} was not made, as nothing sent: past the connect time-out when
     * {@code timedOut} (the alarm closed it), refused by TLS, or the failure itself.
     */
    NotSentException notConnected(BaseUrl t, Exception e, boolean timedOut) {
        if (timedOut) {
            return new NotSentException("could not connect to " + t.host().toURI() + " within the connect timeout of "
                    + config.connectTimeout().toMillis() + " ms: java.net.SocketTimeoutException: connect timed out", e);
        }
        if (e instanceof SSLException) {
            return new NotSentException(Tls.refused(t.host().getHostName(), e), e);
        }
        return new NotSentException("could not connect to " + t.host().toURI() + ": " + e, e);
    }
}
