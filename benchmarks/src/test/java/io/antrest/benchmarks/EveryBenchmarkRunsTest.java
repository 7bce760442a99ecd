package io.antrest.benchmarks;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that every signer benchmark runs through JMH and produces a score: in this JVM (no
 * fork), one warm-up and one measurement iteration of 100 ms each. It measures nothing; the
 * real run is the command in this module's pom.
 */
class EveryBenchmarkRunsTest {

    @Test
    void everySignerBenchmarkRunsThroughJmhAndScores() throws RunnerException {
        // The run below is on the module path: JMH reaches the named module's generated harness.
        assertThat(BinanceHmacSignerBenchmark.class.getModule().getName()).isEqualTo("io.antrest.benchmarks");
        Options options = new OptionsBuilder()
                .include(EveryBenchmarkRunsTest.class.getPackageName() + "\\..*")
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .threads(1)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        Map<String, Double> scores = new TreeMap<>();
        for (RunResult r : results) {
            scores.put(r.getParams().getBenchmark().replace(EveryBenchmarkRunsTest.class.getPackageName() + ".", ""),
                    r.getPrimaryResult().getScore());
        }
        assertThat(scores).containsOnlyKeys(
                "BinanceHmacSignerBenchmark.signOrder", "BinanceHmacSignerBenchmark.primitive",
                "BinanceEd25519SignerBenchmark.signOrder", "BinanceEd25519SignerBenchmark.primitive",
                "BinanceRsaSignerBenchmark.signOrder", "BinanceRsaSignerBenchmark.primitive",
                "BitmexHmacSignerBenchmark.signOrder", "BitmexHmacSignerBenchmark.primitive");
        assertThat(scores).allSatisfy((name, score) -> assertThat(score).as(name).isPositive());
    }
}
