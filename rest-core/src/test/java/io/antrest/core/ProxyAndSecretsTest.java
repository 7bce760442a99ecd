package io.antrest.core;

import io.antrest.core.LoopbackServer.Reply;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxyAndSecretsTest {
    private static final String API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    /** A signer with its own secret names, none of which the defaults know. */
    private static final class CustomSigner implements RequestSigner {
        final java.util.List<String> signatures = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Request sign(Request request, SigningContext context) {
            String sig = Integer.toHexString((SECRET + request.pathWithQuery() + context.attempt()).hashCode()) + "deadbeefcafe";
            signatures.add(sig);
            return request.toBuilder().header("X-Desk-Key", API_KEY).param("deskSig", sig).secretNames(secretNames()).build();
        }

        @Override
        public Set<String> secretNames() {
            return Set.of("X-Desk-Key", "deskSig");
        }
    }

    @Test
    void proxySettingsReachHttpClient() throws Exception {
        String expected = "Basic " + Base64.getEncoder().encodeToString("trader:s3cret-pass".getBytes(StandardCharsets.UTF_8));
        try (LoopbackServer proxy = new LoopbackServer(r -> expected.equals(r.header("proxy-authorization"))
                ? Reply.ok("{\"via\":\"proxy\"}")
                : new Reply(407, java.util.Map.of("Proxy-Authenticate", "Basic realm=\"antrest\""), "", 0, Reply.Action.ANSWER));
             RestClient client = new RestClient("p")) {
            client.init("http://exchange.example:8080/api", new ProxyConfig("127.0.0.1", proxy.port(), "trader", "s3cret-pass"));
            client.start(1);
            Response r = client.submit(Request.get("/v3/time").build()).get(10, TimeUnit.SECONDS);
            assertThat(r.json().get("via").asText()).isEqualTo("proxy");
            assertThat(proxy.received()).last().satisfies(got -> {
                assertThat(got.target()).isEqualTo("http://exchange.example:8080/api/v3/time");
                assertThat(got.header("proxy-authorization")).isEqualTo(expected);
            });
            assertThat(client.proxy().orElseThrow().toString()).doesNotContain("s3cret-pass").contains("trader");
        }
    }

    @Test
    void aProxyWithoutCredentialsIsUsedAsIs() throws Exception {
        try (LoopbackServer proxy = new LoopbackServer(r -> Reply.ok("{}"));
             RestClient client = new RestClient("p")) {
            client.init("http://exchange.example", ProxyConfig.of("127.0.0.1", proxy.port()));
            client.start(1);
            client.submit(Request.get("/ping").build()).get(10, TimeUnit.SECONDS);
            assertThat(proxy.received()).singleElement().satisfies(got -> {
                assertThat(got.target()).isEqualTo("http://exchange.example/ping");
                assertThat(got.header("proxy-authorization")).isNull();
            });
        }
    }

    @Test
    void badProxySettingsAreRefused() {
        assertThatThrownBy(() -> ProxyConfig.of("127.0.0.1", 0)).hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> new ProxyConfig("h", 80, "u", null)).hasMessageContaining("both");
        assertThatThrownBy(() -> ProxyConfig.of(" ", 80)).hasMessageContaining("blank");
    }

    @Test
    void toStringAndTheLogNeverContainASecret() throws Exception {
        LogCapture log = new LogCapture();
        CustomSigner signer = new CustomSigner();
        try (LoopbackServer server = new LoopbackServer(r -> switch (r.path()) {
            case "/fail" -> Reply.json(400, "{\"code\":-1102}");
            case "/reset" -> Reply.reset();
            default -> Reply.ok("{}");
        });
             RestClient client = RestClient.builder("s").signer(signer).build()) {
            client.init(server.url());
            client.start(2);
            Request signedByCaller = Request.post("/fail").param("symbol", "BTCUSDT")
                    .header("X-MBX-APIKEY", API_KEY).param("signature", "caller" + SECRET.substring(0, 20)).build();
            Call failed = client.addRequest(signedByCaller, Callback.of((d, c) -> { }));
            Call reset = client.addRequest(Request.post("/reset").build(), Callback.of((d, c) -> { }));
            CompletableFuture<Response> ok = client.submit(Request.get("/ok").param("symbol", "ETHUSDT").build());
            ok.get(10, TimeUnit.SECONDS);
            client.join();
            assertThat(failed.status()).isEqualTo(RequestStatus.FAILED);
            assertThat(reset.status()).isEqualTo(RequestStatus.ERROR);

            StringBuilder everything = new StringBuilder();
            everything.append(failed).append('\n').append(reset).append('\n').append(signedByCaller).append('\n');
            everything.append(signer.sign(signedByCaller, new SigningContext(server.url(), 1, java.time.Clock.systemUTC()))).append('\n');
            everything.append(log.text());
            everything.append(reset.error().orElseThrow().getMessage());
            String text = everything.toString();
            assertThat(log.events()).isNotEmpty();
            assertThat(text).contains("****").doesNotContain(API_KEY).doesNotContain(SECRET.substring(0, 20));
            for (String sig : signer.signatures) {
                assertThat(text).doesNotContain(sig);
            }
        } finally {
            log.close();
        }
    }
}
