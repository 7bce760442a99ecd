package io.antrest.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.LoopbackServer.Reply;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine never logs a signed URL, a signature or a key, on any path that logs: a refusal, a
 * 5xx, a reset, a close, a time-out, an answer that is not JSON or too large, a throwing callback,
 * listener or admission, and a stop that aborts what is in flight; nor does it put them in the
 * errors it hands to callers (who log those). HttpClient's own loggers are the distribution's
 * filter's business; this is about ours.
 */
class SignedUrlLoggingTest {
    private static final String API_KEY = "sUlKey4Rm8Wq2Zx6Tn1Vb9Lc3Hd7Jf5Gs0Pa8Ye2Ui4Ok6Mj1Nh3Bg7Cv9Xz5Q";
    private static final String SECRET = "sUlSecret7Hq2Wz8Lx1Cv4Bn6Mk3Rt9Yp5Fs0Dj2Ga7Ue";

    /** Signs as Binance does: timestamp and signature in the query, the key in a header. */
    private static final class QuerySigner implements RequestSigner {
        final Set<String> signatures = ConcurrentHashMap.newKeySet();

        @Override
        public Request sign(Request request, SigningContext context) {
            Request unsigned = request.toBuilder().param("timestamp", Long.toString(context.nowMillis()))
                    .header("X-MBX-APIKEY", API_KEY).secretNames(secretNames()).build();
            String signature;
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                signature = HexFormat.of().formatHex(mac.doFinal(unsigned.queryString().getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            signatures.add(signature);
            return unsigned.toBuilder().param("signature", signature).build();
        }

        @Override
        public Set<String> secretNames() {
            return Set.of("X-MBX-APIKEY", "signature");
        }
    }

    @Test
    void noLineTheEngineLogsAndNoErrorItHandsOverCarriesASignedUrlOnAnyPathThatLogs() throws Exception {
        LogCapture log = new LogCapture();
        QuerySigner signer = new QuerySigner();
        List<Call> calls = new ArrayList<>();
        try (LoopbackServer server = new LoopbackServer(r -> switch (r.path()) {
            case "/refused" -> Reply.json(400, "{\"code\":-1102}");
            case "/busy" -> Reply.json(503, "{\"code\":-1008}");
            case "/reset" -> Reply.reset();
            case "/close" -> Reply.close();
            case "/slow" -> Reply.ok("{}").delayed(1500);
            case "/garbage" -> Reply.ok("<html>not json");
            case "/big" -> Reply.ok("{\"a\":\"" + "x".repeat(4096) + "\"}");
            default -> Reply.ok("{}");
        })) {
            RestClient client = RestClient.builder("signed")
                    .config(RestClientConfig.builder().maxResponseBytes(1024).stopTimeout(Duration.ofMillis(300))
                            .retryPolicy(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(1))).build())
                    .signer(signer)
                    .admission((name, request, stage) -> {
                        if (request.path().equals("/admission-throws")) {
                            throw new IllegalStateException("admission broke");
                        }
                        return AdmissionDecision.admit();
                    })
                    .listener(new OutcomeListener() {
                        @Override
                        public void onOutcome(Outcome outcome) {
                            if (outcome.call().request().path().equals("/listener-throws")) {
                                throw new IllegalStateException("outcome listener broke");
                            }
                        }

                        @Override
                        public void onAttempt(Attempt attempt) {
                            if (attempt.call().request().path().equals("/listener-throws")) {
                                throw new IllegalStateException("attempt listener broke");
                            }
                        }
                    })
                    .build();
            client.init(server.url());
            client.start(2);
            Callback quiet = Callback.of((d, c) -> { }, (s, r, c) -> { }, (e, c) -> { });
            Callback throwing = new Callback() {
                @Override
                public void onSuccess(JsonNode data, Call call) {
                    throw new IllegalStateException("callback broke");
                }
            };
            for (String path : List.of("/refused", "/busy", "/reset", "/close", "/garbage", "/big", "/admission-throws",
                    "/listener-throws")) {
                calls.add(client.addRequest(Request.get(path).param("symbol", "BTCUSDT").timeout(Duration.ofMillis(500))
                        .build(), quiet));
                calls.add(client.addRequest(Request.post(path).param("symbol", "BTCUSDT").idempotent(false)
                        .timeout(Duration.ofMillis(500)).build(), quiet));
            }
            calls.add(client.addRequest(Request.get("/ok").param("symbol", "BTCUSDT").build(), throwing));
            calls.add(client.addRequest(Request.get("/slow").param("symbol", "BTCUSDT").timeout(Duration.ofMillis(300)).build(), quiet));
            client.join(Duration.ofSeconds(20));
            calls.add(client.addRequest(Request.get("/slow").param("symbol", "BTCUSDT").timeout(Duration.ofSeconds(5)).build(), quiet));
            Thread.sleep(100);
            client.stop();
        } finally {
            log.close();
        }

        StringBuilder everything = new StringBuilder(log.text());
        for (Call c : calls) {
            assertThat(c.isDone()).as("%s ended", c).isTrue();
            everything.append(c).append('\n');
            for (Throwable t = c.error().orElse(null); t != null; t = t.getCause()) {
                everything.append(t).append('\n');
            }
        }
        String text = everything.toString();

        assertThat(text).as("the paths that log were taken").contains("the callback of", "attempt listener", "outcome listener",
                "admission threw", "aborting them");
        assertThat(signer.signatures).hasSizeGreaterThan(10);
        assertThat(text).doesNotContain(API_KEY).doesNotContain(SECRET).doesNotContainPattern("(?i)signature=(?!\\*\\*\\*\\*)");
        for (String signature : signer.signatures) {
            assertThat(text).doesNotContain(signature);
        }
    }
}
