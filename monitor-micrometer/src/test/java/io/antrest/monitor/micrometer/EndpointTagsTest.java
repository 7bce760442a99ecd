package io.antrest.monitor.micrometer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointTagsTest {
    @Test
    void aTemplateKeepsTheExchangesPathsAndDropsQueriesIdsKeysAndSignatures() {
        assertThat(EndpointTags.template("/api/v3/order")).isEqualTo("/api/v3/order");
        assertThat(EndpointTags.template("/api/v5/trade/cancel-batch-orders")).isEqualTo("/api/v5/trade/cancel-batch-orders");
        assertThat(EndpointTags.template("/api/v3/account?timestamp=1&signature=abc")).isEqualTo("/api/v3/account");
        assertThat(EndpointTags.template("/api/v1/order#frag")).isEqualTo("/api/v1/order");
        assertThat(EndpointTags.template("/orders/123456")).isEqualTo("/orders/{id}");
        assertThat(EndpointTags.template("/orders/6f1e2a3b-4c5d-6e7f-8a9b-0c1d2e3f4a5b/fills"))
                .isEqualTo("/orders/{id}/fills");
        assertThat(EndpointTags.template("/keys/vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"))
                .isEqualTo("/keys/{id}");
        assertThat(EndpointTags.template("/sig/abc%2Bdef")).isEqualTo("/sig/{id}");
        assertThat(EndpointTags.template("/a/b=c")).isEqualTo("/a/{id}");
        assertThat(EndpointTags.template("")).isEqualTo("/");
        assertThat(EndpointTags.template("/x/" + "y".repeat(300))).hasSizeLessThanOrEqualTo(EndpointTags.MAX_LENGTH);
    }

    @Test
    void beyondAHundredDistinctEndpointsTheRestAreOther() {
        EndpointTags tags = new EndpointTags("g");
        for (int i = 0; i < EndpointTags.MAX_ENDPOINTS; i++) {
            assertThat(tags.of("/e" + (char) ('a' + i % 26) + "/n" + (char) ('a' + i / 26))).doesNotContain("other");
        }
        assertThat(tags.of("/one/more")).isEqualTo(EndpointTags.OTHER);
        assertThat(tags.of("/ea/na")).as("one seen before keeps its tag").isEqualTo("/ea/na");
    }
}
