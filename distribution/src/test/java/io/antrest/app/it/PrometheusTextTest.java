package io.antrest.app.it;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scrape reader that {@link MetricsIT} relies on refuses what is not the exposition format. */
class PrometheusTextTest {
    @Test
    void wellFormedSamplesAreRead() {
        String text = "# HELP a_seconds time\n# TYPE a_seconds histogram\n"
                + "a_seconds_bucket{g=\"x\",le=\"+Inf\"} 3\na_seconds_count{g=\"x\"} 3\na_seconds_sum{g=\"x\"} 0.25\n"
                + "# TYPE b gauge\nb{q=\"with \\\"quote\\\" and \\\\\"} -1.5e-3 1700000000000\nb NaN\n";
        assertThat(PrometheusText.parse(text)).hasSize(5)
                .contains(new PrometheusText.Sample("a_seconds_count", Map.of("g", "x"), 3));
    }

    @Test
    void anythingElseFailsNamingTheLine() {
        String typed = "# TYPE a gauge\n";
        assertThatThrownBy(() -> PrometheusText.parse(typed + "a{g=x} 1\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusText.parse(typed + "a 1 2 3\n")).hasMessageContaining("not a sample");
        assertThatThrownBy(() -> PrometheusText.parse(typed + "a{g=\"x\"} one\n")).hasMessageContaining("no number");
        assertThatThrownBy(() -> PrometheusText.parse("b 1\n")).hasMessageContaining("no TYPE");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a meter\n")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> PrometheusText.parse(typed + "a{g=\"x\",g=\"y\"} 1\n")).hasMessageContaining("repeats");
        assertThatThrownBy(() -> PrometheusText.parse(typed + "a{g=\"x\"\"} 1\n")).hasMessageContaining("malformed labels");
    }
}
