package io.antrest.core;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS against a real HTTPS server on loopback: the certificate is verified against the trust
 * store and the hostname against the certificate, always; a failure is an ERROR at once, not
 * retried, and says what to do.
 */
class TlsVerificationTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path keys;

    private static KeyStore localhost;
    private static KeyStore otherHost;

    private HttpServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        localhost = selfSigned("localhost", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
        otherHost = selfSigned("other", "CN=exchange.example", "SAN=dns:exchange.example");
    }

    /** A key pair and self-signed certificate made by the JDK's own keytool. */
    private static KeyStore selfSigned(String alias, String dname, String san) throws Exception {
        Path file = keys.resolve(alias + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", dname, "-ext", san, "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    /** A trust store holding only the certificate of {@code ks}. */
    private static KeyStore trusting(KeyStore ks) throws Exception {
        String alias = ks.aliases().nextElement();
        Certificate cert = ks.getCertificate(alias);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(alias, cert);
        return trust;
    }

    private int serve(KeyStore identity) throws Exception {
        return serve(identity, (request, response, context) -> response.setEntity(
                new StringEntity("{\"serverTime\":1}", ContentType.APPLICATION_JSON)));
    }

    private int serve(KeyStore identity, HttpRequestHandler handler) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(identity, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = ServerBootstrap.bootstrap()
                .setLocalAddress(InetAddress.getLoopbackAddress())
                .setListenerPort(0)
                .setSslContext(tls)
                .register("*", handler)
                .create();
        server.start();
        return server.getLocalPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close(CloseMode.IMMEDIATE);
        }
    }

    private static RestClient client(String url, KeyStore trusted) {
        RestClientConfig.Builder config = RestClientConfig.builder();
        if (trusted != null) {
            config.trustedCertificates(trusted);
        }
        RestClient client = RestClient.builder("tls").config(config.build()).build();
        client.init(url);
        client.start(1);
        return client;
    }

    @Test
    void aTrustedCertificateForTheHostIsAccepted() throws Exception {
        int port = serve(localhost);
        try (RestClient client = client("https://localhost:" + port, trusting(localhost))) {
            Response r = client.submit(Request.get("/api/v3/time").build()).get(20, TimeUnit.SECONDS);

            assertThat(r.json().get("serverTime").asInt()).isEqualTo(1);
        }
    }

    /**
     * Bodies larger than one TLS record (16 KiB) both ways, the answer chunked, one after another:
     * with I/O loops (SSLEngine) and with a blocking thread per session.
     */
    @ParameterizedTest(name = "ioThreads {0}")
    @ValueSource(ints = {0, 1})
    void largeBodiesCrossTlsWholeBothWaysOnOneConnection(int ioThreads) throws Exception {
        int port = serve(localhost, (request, response, context) -> {
                    byte[] got = EntityUtils.toByteArray(request.getEntity());
                    // the answer: the request's body twice over, as a JSON string, in chunks (no Content-Length)
                    String doubled = new String(got, StandardCharsets.US_ASCII).repeat(2);
                    byte[] json = ("{\"echo\":\"" + doubled + "\"}").getBytes(StandardCharsets.US_ASCII);
                    response.setEntity(new InputStreamEntity(new java.io.ByteArrayInputStream(json), -1,
                            ContentType.APPLICATION_JSON));
                });
        RestClientConfig.Builder config = RestClientConfig.builder().trustedCertificates(trusting(localhost)).ioThreads(ioThreads);
        try (RestClient client = RestClient.builder("tls").config(config.build()).build()) {
            client.init("https://localhost:" + port);
            client.start(1);
            for (int size : new int[] {100, 40_000, 150_000}) {
                String text = "x".repeat(size - 1) + "y";
                Response r = client.submit(Request.post("/echo")
                        .body(Body.raw(text.getBytes(StandardCharsets.US_ASCII), "text/plain")).build()).get(20, TimeUnit.SECONDS);

                assertThat(r.header("Content-Length")).as("chunked").isEmpty();
                assertThat(r.json().get("echo").asText()).hasSize(2 * size).isEqualTo(text + text);
            }
        }
    }

    @Test
    void aCertificateNobodyTrustsIsRefusedAtOnceAndNotRetried() throws Exception {
        int port = serve(localhost);
        try (RestClient client = client("https://localhost:" + port, null)) {
            Call[] seen = new Call[1];
            Throwable[] error = new Throwable[1];
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            client.addRequest(Request.get("/api/v3/time").build(), Callback.of((json, call) -> done.countDown(),
                    (status, response, call) -> done.countDown(), (e, call) -> {
                        seen[0] = call;
                        error[0] = e;
                        done.countDown();
                    }));
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();

            assertThat(seen[0].status()).isEqualTo(RequestStatus.ERROR);
            assertThat(seen[0].attempts()).isEqualTo(1);
            assertThat(error[0]).isInstanceOf(TransportException.class)
                    .hasMessageContaining("TLS with localhost failed")
                    .hasMessageContaining("PKIX path building failed")
                    .hasMessageContaining("trustedCertificates");
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        int port = serve(otherHost);
        try (RestClient client = client("https://localhost:" + port, trusting(otherHost))) {
            assertThatThrownBy(() -> client.submit(Request.get("/api/v3/time").build()).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TransportException.class)
                    .hasMessageContaining("TLS with localhost failed")
                    .hasMessageContaining("No subject alternative DNS name matching localhost");
        }
    }

    @Test
    void throughAProxyTheCertificateAndHostnameAreVerifiedToo() throws Exception {
        int port = serve(otherHost);
        try (ConnectProxy proxy = new ConnectProxy()) {
            RestClient untrusted = RestClient.builder("tls-proxy").build();
            untrusted.init("https://localhost:" + port, new ProxyConfig("127.0.0.1", proxy.port(), null, null));
            untrusted.start(1);
            RestClient wrongHost = RestClient.builder("tls-proxy")
                    .config(RestClientConfig.builder().trustedCertificates(trusting(otherHost)).build()).build();
            wrongHost.init("https://localhost:" + port, new ProxyConfig("127.0.0.1", proxy.port(), null, null));
            wrongHost.start(1);
            try {
                assertThatThrownBy(() -> untrusted.submit(Request.get("/api/v3/time").build()).get(20, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(TransportException.class)
                        .hasMessageContaining("was not sent: TLS with localhost failed")
                        .hasMessageContaining("PKIX path building failed");
                assertThatThrownBy(() -> wrongHost.submit(Request.get("/api/v3/time").build()).get(20, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(TransportException.class)
                        .hasMessageContaining("was not sent: TLS with localhost failed");
                assertThat(proxy.tunnels()).contains("localhost:" + port);
            } finally {
                untrusted.stop();
                wrongHost.stop();
            }
        }
    }

    @Test
    void throughAProxyATrustedCertificateForTheHostIsAccepted() throws Exception {
        int port = serve(localhost);
        try (ConnectProxy proxy = new ConnectProxy()) {
            RestClient client = RestClient.builder("tls-proxy")
                    .config(RestClientConfig.builder().trustedCertificates(trusting(localhost)).build()).build();
            client.init("https://localhost:" + port, new ProxyConfig("127.0.0.1", proxy.port(), null, null));
            client.start(1);
            try {
                Response r = client.submit(Request.get("/api/v3/time").build()).get(20, TimeUnit.SECONDS);
                assertThat(r.json().get("serverTime").asInt()).isEqualTo(1);
                assertThat(proxy.tunnels()).containsExactly("localhost:" + port);
            } finally {
                client.stop();
            }
        }
    }
}
