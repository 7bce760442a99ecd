package io.antrest.app;

import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code antrest run} refuses, with exit 2 and before any gateway connects, a shared budget that can
 * never work: a URL that is not one, a Redis host that does not exist, a password Redis refuses.
 * The password is never printed.
 */
class BudgetSettingsRunTest {
    @TempDir
    Path dir;

    private int run(String budget, StringWriter err) throws IOException {
        Path conf = dir.resolve("antrest.properties");
        Files.writeString(conf, "gateway.binance.exchange = binance\n"
                + "gateway.binance.url = http://127.0.0.1:9\n"
                + "gateway.binance.api-key = " + SimExchange.DEMO_BINANCE_API_KEY + "\n"
                + "gateway.binance.secret = ${env:PATH}\n"
                + "gateway.binance.budget = " + budget + "\n");
        CommandLine cmd = new CommandLine(new RunCommand());
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute("--config", conf.toString());
    }

    @Test
    void aBudgetUrlThatIsNoneIsAUsageError() throws IOException {
        StringWriter err = new StringWriter();
        assertThat(run("redis://:hunter2@/0", err)).isEqualTo(2);
        assertThat(err.toString()).contains("gateway.binance.budget").contains("names no host").doesNotContain("hunter2");
    }

    @Test
    void aPasswordRedisRefusesIsAUsageErrorThatNeverShowsIt() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("requirepass the-right-one")
                .setting("save \"\"").build();
        redis.start();
        try {
            StringWriter err = new StringWriter();
            assertThat(run("redis://:not-the-right-one@127.0.0.1:" + port, err)).isEqualTo(2);
            assertThat(err.toString()).contains("gateway.binance.budget").contains("refused the user or password")
                    .contains("redis://:****@127.0.0.1:" + port).doesNotContain("not-the-right-one");
        } finally {
            redis.stop();
        }
    }

    @Test
    void aRedisHostThatDoesNotExistIsAUsageError() throws IOException {
        StringWriter err = new StringWriter();
        assertThat(run("redis://no-such-host.invalid:6379", err)).isEqualTo(2);
        assertThat(err.toString()).contains("gateway.binance.budget").contains("no such host");
    }
}
