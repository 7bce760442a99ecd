package io.antrest.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assertions;

/**
 * The tests' Redis server is real and really goes away: it answers on loopback, its process ends
 * and its port closes when stopped, and it starts again, empty, on the same port.
 */
class LoopbackRedisTest {

    @Test
    void aRealServerOnLoopbackThatDiesWhenStoppedAndComesBackEmptyOnTheSamePort() throws Exception {
        int port;
        try (LoopbackRedis redis = LoopbackRedis.start()) {
            port = redis.port();
            assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + port);
            assertThat(redis.isRunning()).isTrue();
            assertThat(redis.call("SET", "antrest:probe", "1")).isEqualTo("OK");
            assertThat(redis.call("INCR", "antrest:probe")).isEqualTo("2");
            assertThat(redis.call("INFO", "server")).contains("redis_version:6.2").contains("tcp_port:" + port);
            assertThat(redis.call("CONFIG", "SET", "save", "")).as("no persistence").isEqualTo("OK");
            long before = redis.commandsProcessed();
            assertThat(before).isGreaterThanOrEqualTo(5);
            assertThat(redis.commandsProcessed()).isEqualTo(before + 1);
            assertThat(redisServers()).as("one redis-server child of this JVM").hasSize(1);

            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            assertThat(redis.commandsProcessed()).isEqualTo(-1);
            Assertions.assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
            assertThat(redisServers()).as("the process ended").isEmpty();

            redis.startAgain();
            assertThat(redis.port()).isEqualTo(port);
            assertThat(redis.call("GET", "antrest:probe")).as("nothing persisted").isNull();
            assertThat(redis.commandsProcessed()).as("counted afresh: PING and GET").isEqualTo(2);
            assertThat(redis.call("NOSUCHCOMMAND")).startsWith("-ERR");
        }
        assertThat(redisServers()).as("close() killed it").isEmpty();
        Assertions.assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }

    private static List<ProcessHandle> redisServers() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").contains("redis-server")).toList();
    }
}
