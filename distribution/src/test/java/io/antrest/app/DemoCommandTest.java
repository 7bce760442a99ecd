package io.antrest.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo in this JVM, with the real plugins, simulator and H2 store. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void theDemoTradesOnBothGatewaysSeesThemGoDownDropsAndRecovers() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new DemoCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));

        int exit = cmd.execute("--db", "jdbc:h2:file:" + dir.resolve("demo"));

        String text = out.toString();
        assertThat(exit).as(text + err).isZero();
        assertThat(text)
                .contains("exchange plugins found: binance, bitmex")
                .containsPattern("binance is UP with \\d{2,} contracts in the store")
                .containsPattern("bitmex is UP with \\d+ contracts in the store")
                .containsPattern("binance placed +BUY 0.001 BTCUSDT @ 50000.00 -> NEW")
                .containsPattern("binance canceled order \\S+ -> CANCELED")
                .containsPattern("bitmex placed +BUY 100 XBTUSD @ 50000.0 -> NEW")
                .containsPattern("bitmex canceled order \\S+ -> CANCELED")
                .containsPattern("binance: \\w+ -> DOWN")
                .containsPattern("bitmex: \\w+ -> DOWN")
                .contains("5 droppable ticker requests while binance is DOWN: 5 dropped")
                .containsPattern("binance: DOWN -> UP")
                .containsPattern("bitmex: DOWN -> UP")
                .contains("GATEWAY", "P99_MS", "demo done");
    }
}
