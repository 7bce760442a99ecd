package io.antrest.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class FaultSpecTest {

    @Test
    void parsesStatusesAndLatency() {
        FaultSpec spec = FaultSpec.parse("/api/v3/account:status=503,503,200;latency=200ms");
        assertThat(spec.path()).isEqualTo("/api/v3/account");
        assertThat(spec.methodFilter()).isEmpty();
        assertThat(spec.latency()).isEqualTo(Duration.ofMillis(200));
        assertThat(spec.steps()).containsExactly(new FaultStep(FaultStep.Kind.STATUS, 503),
                new FaultStep(FaultStep.Kind.STATUS, 503), new FaultStep(FaultStep.Kind.STATUS, 200));
    }

    @Test
    void parsesMethodCountsAndEveryKind() {
        FaultSpec spec = FaultSpec.parse(
                "post /api/v3/order:reset;reset-after=2;close;close-after;malformed=1;truncated;status-after=502;latency=PT0.5S");
        assertThat(spec.methodFilter()).contains("POST");
        assertThat(spec.latency()).isEqualTo(Duration.ofMillis(500));
        assertThat(spec.steps()).extracting(FaultStep::kind).containsExactly(FaultStep.Kind.RESET,
                FaultStep.Kind.RESET_AFTER, FaultStep.Kind.RESET_AFTER, FaultStep.Kind.CLOSE,
                FaultStep.Kind.CLOSE_AFTER, FaultStep.Kind.MALFORMED_JSON, FaultStep.Kind.TRUNCATED_JSON,
                FaultStep.Kind.STATUS_AFTER);
        assertThat(FaultSpec.parse("/p:latency=2s").latency()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void parseAllSkipsBlankAndCommentLines() {
        List<FaultSpec> specs = FaultSpec.parseAll("# faults\n/a:reset\n\nDELETE /b:status=500\n");
        assertThat(specs).extracting(FaultSpec::path).containsExactly("/a", "/b");
    }

    @Test
    void rejectsBadSpecsWithMessagesThatSayWhatIsWrong() {
        assertThatThrownBy(() -> FaultSpec.parse("/api/v3/account")).isInstanceOf(FaultSpecException.class)
                .hasMessageContaining("missing ':'");
        assertThatThrownBy(() -> FaultSpec.parse("api/v3/account:reset")).isInstanceOf(FaultSpecException.class)
                .hasMessageContaining("path must start with '/'");
        assertThatThrownBy(() -> FaultSpec.parse("/a:status=99")).isInstanceOf(FaultSpecException.class)
                .hasMessageContaining("not an HTTP status");
        assertThatThrownBy(() -> FaultSpec.parse("/a:reset=0")).isInstanceOf(FaultSpecException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> FaultSpec.parse("/a:latency=soon")).isInstanceOf(FaultSpecException.class)
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> FaultSpec.parse("/a:boom")).isInstanceOf(FaultSpecException.class)
                .hasMessageContaining("unknown fault 'boom'");
    }
}
