package io.antrest.app;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code antrest bench --metrics} in this JVM against the simulator: both kinds of run, alternately, and the cost line. */
class BenchMetricsTest {
    @Test
    void benchMetricsRunsThePipelineWithoutAndWithMetersInterleavedAndPrintsTheirCost() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new BenchCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));

        int exit = cmd.execute("--metrics", "--requests", "400", "--warmup", "50", "--sessions", "2");

        assertThat(exit).as(out + "\n" + err).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).filteredOn(l -> l.startsWith("pipeline ")).hasSize(6)
                .allSatisfy(l -> assertThat(l).contains("requests=400 ok=400"))
                .filteredOn(l -> l.endsWith("(warm-up round, not counted)")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.startsWith("pipeline+metrics ")).hasSize(6)
                .allSatisfy(l -> assertThat(l).contains("requests=400 ok=400"))
                .filteredOn(l -> l.endsWith("(warm-up round, not counted)")).hasSize(2);
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("metrics cost: rps \\d+ -> \\d+ \\([+-]\\d+\\.\\d%\\), .*"));
        assertThat(lines.get(lines.size() - 1)).startsWith("requests=400 ok=400 failed=0 errors=0 ");
    }

    @Test
    void metricsWithRawIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new BenchCommand());
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute("--metrics", "--raw")).isEqualTo(2);
        assertThat(err.toString()).contains("--metrics measures the pipeline alone");
    }
}
