package io.antrest.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CountBound} and {@link DurationBound}, and the builders that hold them (issue 12, point 7). */
class BoundsTest {
    @Test
    void aCountOutsideItsBoundIsRefusedNamingTheSettingTheRangeAndTheMeaning() {
        CountBound b = new CountBound("sessions", 1, 256, "how many requests go at once");

        assertThat(b.check(256)).isEqualTo(256);
        assertThatThrownBy(() -> b.check(100_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sessions must be from 1 to 256, was 100000: it is how many requests go at once");
        assertThatThrownBy(() -> b.check(0)).hasMessageContaining("was 0");
    }

    @Test
    void aDurationOutsideItsBoundIsRefusedAndWrittenAsPeopleWriteIt() {
        DurationBound b = new DurationBound("heartBeatInterval", Duration.ofMillis(1), Duration.ofHours(1), "how often");

        assertThat(b.check(Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> b.check(Duration.ofHours(99_999_999))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heartBeatInterval must be from 1ms to 1h, was 99999999h: it is how often");
        assertThatThrownBy(() -> b.check(Duration.ZERO)).hasMessageContaining("was PT0S");
        assertThatThrownBy(() -> b.check(Duration.ofSeconds(Long.MAX_VALUE))).hasMessageContaining("was PT");
        assertThat(DurationBound.text(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationBound.text(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationBound.text(Duration.ofMinutes(2))).isEqualTo("2m");
    }

    @Test
    void theEngineRefusesMoreSessionsThanItsBound() {
        try (RestClient client = new RestClient("bounded")) {
            client.init("http://127.0.0.1:9");
            assertThatThrownBy(() -> client.start(100_000)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sessions must be from 1 to 256, was 100000");
            assertThat(client.isActive()).isFalse();
        }
    }

    @Test
    void theBuildersRefuseValuesBeyondTheirBounds() {
        assertThatThrownBy(() -> RestClientConfig.builder().queueCapacity(10_000_001))
                .hasMessageContaining("queueCapacity must be from 1 to 10000000");
        assertThatThrownBy(() -> RestClientConfig.builder().connectTimeout(Duration.ofDays(365)))
                .hasMessageContaining("connectTimeout must be from 1ms to 1h, was 8760h");
        assertThatThrownBy(() -> RestClientConfig.builder().maxResponseBytes(Integer.MAX_VALUE))
                .hasMessageContaining("maxResponseBytes must be from 1024 to 1073741824");
    }
}
