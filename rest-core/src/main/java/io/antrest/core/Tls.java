package io.antrest.core;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * The TLS context of a client: the JVM's default, or one that trusts the configured certificates.
 * Either way certificates are verified; hostname verification is switched on where the socket is
 * made. There is deliberately no way to trust everything.
 */
final class Tls {
    private Tls() {
    }

    /** What to say when TLS refused {@code host}: the cause, and that verification stays on. */
    static String refused(String host, Throwable cause) {
        return "TLS with " + host + " failed: " + cause.getMessage() + " (certificate and hostname are always verified;"
                + " a private CA goes in RestClientConfig.trustedCertificates)";
    }

    static SSLContext context(RestClientConfig config) {
        try {
            KeyStore trusted = config.trustedCertificates().orElse(null);
            if (trusted == null) {
                return SSLContext.getDefault();
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS (" + e.getMessage()
                    + "); check RestClientConfig.trustedCertificates", e);
        }
    }
}
