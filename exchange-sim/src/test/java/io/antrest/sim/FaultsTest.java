package io.antrest.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private static final String KEY = "fault-key";
    private static final String SECRET = "fault-secret";

    private SimExchange sim;

    @BeforeEach
    void start() {
        sim = SimExchange.builder().build().start();
        sim.addBinanceKey(KEY, SECRET);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private RawHttp.Reply placeOrder(RawHttp http, String clientOrderId) throws IOException {
        String body = TestSigning.binanceQuery(SECRET, "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.001&price=60000&newClientOrderId=" + clientOrderId, System.currentTimeMillis());
        return http.send("POST", "/api/v3/order", TestSigning.binanceKey(KEY), body);
    }

    private RawHttp.Reply queryOrder(String clientOrderId) throws IOException {
        String query = TestSigning.binanceQuery(SECRET, "symbol=BTCUSDT&origClientOrderId=" + clientOrderId,
                System.currentTimeMillis());
        return RawHttp.once(sim.port(), "GET", "/api/v3/order?" + query, TestSigning.binanceKey(KEY), null);
    }

    @Test
    void statusSequenceIsAnsweredInOrderThenNormalAnswersResume() throws Exception {
        sim.faults().path("/api/v3/ping").statuses(503, 503, 200);
        try (RawHttp http = new RawHttp(sim.port())) {
            RawHttp.Reply first = http.send("GET", "/api/v3/ping", Map.of(), null);
            assertThat(first.status()).isEqualTo(503);
            assertThat(first.json().get("code").asInt()).isEqualTo(-1008);
            assertThat(first.header("X-MBX-USED-WEIGHT-1M")).isNotNull();
            assertThat(http.send("GET", "/api/v3/ping", Map.of(), null).status()).isEqualTo(503);
            assertThat(http.send("GET", "/api/v3/ping", Map.of(), null).status()).isEqualTo(200);
            assertThat(http.send("GET", "/api/v3/ping", Map.of(), null).text()).isEqualTo("{}");
        }
        assertThat(sim.received("/api/v3/ping")).isEqualTo(4);
    }

    @Test
    void orderRejectedBy503BeforeProcessingIsNotPlaced() throws Exception {
        sim.faults().on("POST", "/api/v3/order").statuses(503);
        try (RawHttp http = new RawHttp(sim.port())) {
            assertThat(placeOrder(http, "before-503").status()).isEqualTo(503);
        }
        assertThat(sim.orderAttempts("before-503")).isEqualTo(1);
        assertThat(sim.ordersPlaced("before-503")).isZero();
    }

    @Test
    void statusAfterProcessingPlacesTheOrderButAnswersTheError() throws Exception {
        sim.faults().on("POST", "/api/v3/order").statusesAfterProcessing(503);
        try (RawHttp http = new RawHttp(sim.port())) {
            assertThat(placeOrder(http, "after-503").status()).isEqualTo(503);
        }
        assertThat(sim.ordersPlaced("after-503")).isEqualTo(1);
        assertThat(queryOrder("after-503").json().get("status").asText()).isEqualTo("NEW");
    }

    @Test
    void resetBeforeProcessingLosesTheRequest() throws Exception {
        sim.faults().on("POST", "/api/v3/order").reset(1);
        try (RawHttp http = new RawHttp(sim.port())) {
            assertThatThrownBy(() -> placeOrder(http, "reset-before")).isInstanceOf(SocketException.class);
        }
        assertThat(sim.orderAttempts("reset-before")).isEqualTo(1);
        assertThat(sim.ordersPlaced("reset-before")).isZero();
        assertThat(queryOrder("reset-before").json().get("code").asInt()).isEqualTo(-2013);
    }

    @Test
    void resetAfterProcessingPlacesTheOrderAndLosesTheAnswer() throws Exception {
        sim.faults().on("POST", "/api/v3/order").resetAfterProcessing(1);
        try (RawHttp http = new RawHttp(sim.port())) {
            assertThatThrownBy(() -> placeOrder(http, "lost-answer")).isInstanceOf(SocketException.class);
        }
        assertThat(sim.ordersPlaced("lost-answer")).isEqualTo(1);
        RawHttp.Reply status = queryOrder("lost-answer");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("clientOrderId").asText()).isEqualTo("lost-answer");
        try (RawHttp http = new RawHttp(sim.port())) {
            RawHttp.Reply again = placeOrder(http, "lost-answer");
            assertThat(again.json().get("code").asInt()).isEqualTo(-2010);
            assertThat(again.json().get("msg").asText()).isEqualTo("Duplicate order sent.");
        }
        assertThat(sim.orderAttempts("lost-answer")).isEqualTo(2);
        assertThat(sim.ordersPlaced("lost-answer")).isEqualTo(1);
    }

    @Test
    void closeWithoutAnswerEndsTheConnectionCleanly() throws Exception {
        sim.faults().path("/api/v3/time").closeWithoutAnswer(1);
        try (RawHttp http = new RawHttp(sim.port())) {
            assertThatThrownBy(() -> http.send("GET", "/api/v3/time", Map.of(), null)).isInstanceOf(EOFException.class);
        }
        assertThat(RawHttp.get(sim.port(), "/api/v3/time").status()).isEqualTo(200);
    }

    @Test
    void closeAfterProcessingPlacesTheOrder() throws Exception {
        sim.faults().on("POST", "/api/v3/order").closeAfterProcessing(1);
        try (RawHttp http = new RawHttp(sim.port())) {
            assertThatThrownBy(() -> placeOrder(http, "closed-after")).isInstanceOf(EOFException.class);
        }
        assertThat(sim.ordersPlaced("closed-after")).isEqualTo(1);
    }

    @Test
    void malformedJsonIsNotJson() throws Exception {
        sim.faults().path("/api/v3/time").malformedJson(1);
        RawHttp.Reply reply = RawHttp.get(sim.port(), "/api/v3/time");
        assertThat(reply.status()).isEqualTo(200);
        assertThatThrownBy(reply::json).isInstanceOf(IOException.class);
        assertThat(RawHttp.get(sim.port(), "/api/v3/time").json().has("serverTime")).isTrue();
    }

    @Test
    void truncatedJsonIsHalfTheRealAnswerWithMatchingLength() throws Exception {
        byte[] full = RawHttp.get(sim.port(), "/api/v3/exchangeInfo?symbol=BTCUSDT").body();
        sim.faults().path("/api/v3/exchangeInfo").truncatedJson(1);
        RawHttp.Reply cut = RawHttp.get(sim.port(), "/api/v3/exchangeInfo?symbol=BTCUSDT");
        assertThat(cut.status()).isEqualTo(200);
        assertThat(Integer.parseInt(cut.header("Content-Length"))).isEqualTo(cut.body().length);
        assertThat(cut.body().length).isEqualTo(full.length / 2);
        assertThat(cut.text()).startsWith("{\"timezone\":\"UTC\"");
        assertThatThrownBy(cut::json).isInstanceOf(IOException.class);
    }

    @Test
    void latencyDelaysEveryMatchingAnswerUntilCleared() throws Exception {
        sim.faults().path("/api/v3/ping").latency(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(RawHttp.get(sim.port(), "/api/v3/ping").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        sim.faults().path("/api/v3/ping").clear();
        start = System.nanoTime();
        RawHttp.get(sim.port(), "/api/v3/ping");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
    }

    @Test
    void methodSpecificFaultsLeaveOtherMethodsAlone() throws Exception {
        sim.faults().on("POST", "/api/v3/order").statuses(500);
        assertThat(queryOrder("nothing").status()).isEqualTo(400);
        assertThat(sim.faults().on("POST", "/api/v3/order").pending()).isEqualTo(1);
    }

    @Test
    void stepsOfDifferentKindsApplyInProgrammedOrder() throws Exception {
        sim.faults().apply("/api/v3/ping:status=502;malformed;status=200");
        assertThat(RawHttp.get(sim.port(), "/api/v3/ping").status()).isEqualTo(502);
        assertThat(RawHttp.get(sim.port(), "/api/v3/ping").text()).startsWith("{\"a\":");
        assertThat(RawHttp.get(sim.port(), "/api/v3/ping").text()).isEqualTo("{}");
    }

    @Test
    void clearRemovesEveryFault() throws Exception {
        sim.faults().path("/api/v3/ping").statuses(503).reset(2);
        sim.faults().clear();
        assertThat(RawHttp.get(sim.port(), "/api/v3/ping").status()).isEqualTo(200);
    }

    @Test
    void bitmexFaultsAreShapedAsBitmexErrors() throws Exception {
        sim.faults().path("/api/v1/instrument/active").statuses(503);
        RawHttp.Reply reply = RawHttp.get(sim.port(), "/api/v1/instrument/active");
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().at("/error/name").asText()).isEqualTo("HTTPError");
        // BitMEX/api-connectors, python-swaggerpy README, "HTTP 503": the message, and no Retry-After.
        assertThat(reply.json().at("/error/message").asText())
                .isEqualTo("The system is currently overloaded. Please try again later.");
        assertThat(reply.header("Retry-After")).isNull();
    }

    @Test
    void stoppedSimulatorRefusesConnectionsAndComesBackOnTheSamePort() throws Exception {
        int port = sim.port();
        try (RawHttp http = new RawHttp(port)) {
            assertThat(http.send("GET", "/api/v3/ping", Map.of(), null).status()).isEqualTo(200);
            sim.stop();
            assertThat(sim.isRunning()).isFalse();
            assertThatThrownBy(() -> http.send("GET", "/api/v3/ping", Map.of(), null)).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> new RawHttp(port)).isInstanceOf(IOException.class);
        sim.restart();
        assertThat(sim.port()).isEqualTo(port);
        assertThat(RawHttp.get(port, "/api/v3/ping").status()).isEqualTo(200);
    }

    @Test
    void adminEndpointProgramsFaultsFromSpecStrings() throws Exception {
        RawHttp.Reply applied = RawHttp.once(sim.port(), "POST", "/_sim/faults", Map.of("Content-Type", "text/plain"),
                "/api/v3/time:status=503\n# comment\nGET /api/v3/ping:status=429\n");
        assertThat(applied.text()).isEqualTo("{\"applied\":2}");
        assertThat(RawHttp.get(sim.port(), "/api/v3/time").status()).isEqualTo(503);
        RawHttp.Reply limited = RawHttp.get(sim.port(), "/api/v3/ping");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        RawHttp.Reply bad = RawHttp.once(sim.port(), "POST", "/_sim/faults", Map.of("Content-Type", "text/plain"),
                "/api/v3/time:explode");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("unknown fault 'explode'");
        sim.faults().path("/api/v3/time").statuses(500);
        assertThat(RawHttp.once(sim.port(), "DELETE", "/_sim/faults", Map.of(), null).status()).isEqualTo(200);
        assertThat(RawHttp.get(sim.port(), "/api/v3/time").status()).isEqualTo(200);
    }

    @Test
    void countersCountPerPathAndReset() throws Exception {
        RawHttp.get(sim.port(), "/api/v3/ping");
        RawHttp.get(sim.port(), "/api/v3/ping");
        RawHttp.get(sim.port(), "/api/v1/instrument/active");
        assertThat(sim.received("/api/v3/ping")).isEqualTo(2);
        assertThat(sim.received("/api/v1/instrument/active")).isEqualTo(1);
        assertThat(sim.totalReceived()).isEqualTo(3);
        assertThat(RawHttp.get(sim.port(), "/_sim/counters").json().at("/paths/~1api~1v3~1ping").asLong())
                .isEqualTo(2);
        sim.resetCounters();
        assertThat(sim.totalReceived()).isZero();
        assertThat(sim.received("/api/v3/ping")).isZero();
    }
}
