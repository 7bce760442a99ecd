package io.antrest.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Text from outside (an exchange's body, an operator's proxy host) as the engine's values print it. */
class OutsideTextTest {
    private static final String HOSTILE = "\u001b[2J\nINFO fake log line: order 123 FILLED\r\n";

    @Test
    void aVerdictsReasonIsKeptPrintableWhateverTheClassifierGave() {
        AnswerVerdict v = new AnswerVerdict(AnswerVerdict.Kind.REFUSED, Optional.empty(), HOSTILE);
        assertThat(v.reason()).isEqualTo("\\u001b[2J\\u000aINFO fake log line: order 123 FILLED\\u000d\\u000a");
    }

    @Test
    void aFailedAnswersExceptionAndTheAnswerItselfPrintTheBodyEscaped() {
        Response r = new Response(400, List.of(), HOSTILE.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(3), 1);
        String failed = new RequestFailedException(Request.get("/api/v3/order").build(), r).getMessage();
        assertThat(failed).contains("\\u001b[2J").doesNotContain("\u001b").doesNotContain("\n").doesNotContain("\r");
        assertThat(r.toString()).contains("\\u001b[2J").doesNotContain("\u001b").doesNotContain("\n");
    }

    @Test
    void aProxyHostHoldingUserAndPasswordIsRefusedWithoutEchoingIt() {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> new ProxyConfig("http://trader:proxy-pw-0001@proxy.example", 3128, null, null));
        assertThat(e.getMessage()).contains("bare host", "user name and password separately").doesNotContain("proxy-pw-0001");
    }
}
