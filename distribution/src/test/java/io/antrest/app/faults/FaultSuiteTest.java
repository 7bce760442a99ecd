package io.antrest.app.faults;

import io.antrest.core.ClientMetrics;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.monitor.GatewayState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 7's fault suite, on each exchange ({@link FaultVenue}): each fault, injected through the
 * simulator in the middle of a load through a real gateway (3 000 requests per scenario on each
 * exchange: {@link FaultVenue#suiteRequests()}), must leave every request ended
 * exactly once with the totals adding up, no order received or placed twice, the monitor through
 * the states the fault calls for and UP again, every I/O thread alive, and the heap back near its
 * level. OKX runs every scenario but the 418 ban (OKX documents no ban status); its 429 carries
 * code 50011 and no Retry-After. BitMEX runs every scenario but the 418 ban too (it bans with
 * 403); its 429 carries Retry-After and the error name RateLimitError. The report (one row per exchange and scenario) is printed and
 * written to {@code target/fault-report.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteTest {
    /**
     * How much the heap may grow over a scenario: the simulator keeps its 1 500 orders and their ids
     * (about 1 MiB; up to 3 MiB seen); a call or answer kept per request would be 10 MiB or more.
     */
    static final long HEAP_MARGIN = 8L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(FaultSuiteTest.class);
    private static final FaultReport REPORT = new FaultReport();

    @TempDir
    static Path dir;

    private static FaultRun run;

    @BeforeAll
    static void plugins() {
        run = new FaultRun(dir, ProviderRegistry.discover());
    }

    @AfterAll
    static void report() throws Exception {
        if (REPORT.isEmpty()) {
            return;
        }
        String table = REPORT.render();
        REPORT.write(Path.of("target", "fault-report.txt"));
        System.out.println(System.lineSeparator() + "Fault suite report (also in target/fault-report.txt):"
                + System.lineSeparator() + table);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultVenue.class)
    @Order(1)
    void burstsOf503LeaveNoRequestUnendedNoOrderTwiceAndTheGatewayFallsAndRecovers(FaultVenue venue) throws Exception {
        ScenarioResult r = check(FaultScenario.bursts503(venue));
        assertThat(r.failed() + r.error()).as("requests refused by the burst").isPositive();
        assertThat(r.resolutions().placed()).as("orders answered 503 after they were placed, found by the gateway").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultVenue.class)
    @Order(2)
    void tooManyRequestsRateLimitTheGatewayForTheirRetryAfterOrTheDefaultPause(FaultVenue venue) throws Exception {
        ScenarioResult r = check(FaultScenario.tooManyRequests429(venue));
        assertThat(r.failed()).as("orders refused with 429 (not re-sent)").isPositive();
    }

    /**
     * Binance only: OKX documents no ban status and BitMEX bans with 403, so there is no 418
     * scenario for them (see the next test).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = FaultVenue.class, names = "BINANCE")
    @Order(3)
    void aBanRateLimitsTheGatewayUntilItIsLiftedAndNoOrderIsSentTwice(FaultVenue venue) throws Exception {
        ScenarioResult r = check(FaultScenario.ban418(venue));
        assertThat(r.failed()).as("orders refused with 418 (not re-sent)").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = FaultVenue.class, names = {"OKX", "BITMEX"})
    @Order(3)
    void okxAndBitmexRunEveryScenarioButTheBanTheyDoNotHave(FaultVenue venue) {
        assertThat(FaultScenario.all(venue)).extracting(FaultScenario::name)
                .doesNotContain("418 ban").hasSize(FaultScenario.all(FaultVenue.BINANCE).size() - 1);
        assertThatThrownBy(() -> FaultScenario.ban418(venue)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(venue.exchange() + " does not ban with 418");
    }

    /** Each venue's gateways are named apart (Binance and BitMEX share their first letter). */
    @Test
    @Order(3)
    void everyVenueHasItsOwnLetterInTheGatewayNames() {
        assertThat(java.util.Arrays.stream(FaultVenue.values()).map(FaultVenue::letter).distinct().count())
                .isEqualTo(FaultVenue.values().length);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultVenue.class)
    @Order(4)
    void connectionsResetBeforeTheAnswerEndEveryRequestAndNeverRepeatAnOrder(FaultVenue venue) throws Exception {
        ScenarioResult r = check(FaultScenario.resetBeforeAnswer(venue));
        assertThat(r.error()).as("requests whose answer was lost").isPositive();
        assertThat(r.resolutions().placed()).as("orders placed whose answer was lost, found by the gateway").isPositive();
        assertThat(r.resolutions().notPlaced()).as("orders reset before the exchange acted, proven not placed").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultVenue.class)
    @Order(5)
    void connectionsClosedWithoutAnAnswerEndEveryRequestAndNeverRepeatAnOrder(FaultVenue venue) throws Exception {
        ScenarioResult r = check(FaultScenario.closedWithoutAnswer(venue));
        assertThat(r.error()).as("requests closed without an answer").isPositive();
        assertThat(r.resolutions().placed()).as("orders placed whose answer was lost, found by the gateway").isPositive();
        assertThat(r.resolutions().notPlaced()).as("orders closed on before the exchange acted, proven not placed").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultVenue.class)
    @Order(6)
    void answersSlowerThanTheTimeOutEndInErrorAndAnOrderPlacedLateIsNotSentAgain(FaultVenue venue) throws Exception {
        ScenarioResult r = check(FaultScenario.slowerThanTimeout(venue));
        assertThat(r.error() + r.totals().retries()).as("requests timed out (ended in error, or sent again: reads)").isPositive();
        assertThat(r.resolutions().placed()).as("orders placed after their sender timed out, found by the gateway").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultVenue.class)
    @Order(7)
    void malformedJsonEndsInErrorWithoutRetryingAndDegradesTheGateway(FaultVenue venue) throws Exception {
        ScenarioResult r = check(FaultScenario.malformedJson(venue));
        assertThat(r.error()).as("answers that were not JSON").isPositive();
        assertThat(r.resolutions().placed()).as("orders answered 200 with a body that is not JSON, found by the gateway").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultVenue.class)
    @Order(8)
    void truncatedJsonEndsInErrorWithoutRetryingAndDegradesTheGateway(FaultVenue venue) throws Exception {
        ScenarioResult r = check(FaultScenario.truncatedJson(venue));
        assertThat(r.error()).as("answers cut short").isPositive();
        assertThat(r.resolutions().placed()).as("orders answered 200 with a body cut short, found by the gateway").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultVenue.class)
    @Order(9)
    void theSimulatorStoppedAndRestartedTakesTheGatewayDownAndBackUpWithEveryRequestEnded(FaultVenue venue) throws Exception {
        ScenarioResult r = check(FaultScenario.simulatorRestarted(venue));
        assertThat(r.error() + r.dropped()).as("requests lost or dropped in the outage").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultVenue.class)
    @Order(10)
    void aSlowDripEndsEveryRequestAtItsTimeOutAsAWholeAndNoOrderIsSentTwice(FaultVenue venue) throws Exception {
        ScenarioResult r = check(FaultScenario.slowDrip(venue), venue.suiteRequests() / FaultScenario.HOSTILE_SHARE);
        // a cut-off read ends in error, is sent again (a read), or is an order the gateway then looks up
        assertThat(r.error() + r.totals().retries() + r.resolutions().placed() + r.resolutions().notPlaced())
                .as("requests cut off at their time-out: ended in error, retried, or orders settled by a look-up").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultVenue.class)
    @Order(11)
    void aHugeRetryAfterPausesTheGatewayForTheCapOnlyAndItComesBackUp(FaultVenue venue) throws Exception {
        ScenarioResult r = check(FaultScenario.hugeRetryAfter(venue), venue.suiteRequests() / FaultScenario.HOSTILE_SHARE);
        assertThat(r.failed()).as("orders refused with 429 (not re-sent)").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultVenue.class)
    @Order(12)
    void aFrozenExchangeGoesDownOnItsHeartBeatTimeOutAndComesBackUpWhenItThaws(FaultVenue venue) throws Exception {
        ScenarioResult r = check(FaultScenario.frozen(venue), venue.suiteRequests() / FaultScenario.HOSTILE_SHARE);
        assertThat(r.error() + r.dropped() + r.resolutions().placed() + r.resolutions().notPlaced())
                .as("requests timed out or dropped while frozen (orders timed out are settled by a look-up)").isPositive();
    }

    /** Runs the scenario with its exchange's number of requests, reports it, and checks what every scenario must keep. */
    static ScenarioResult check(FaultScenario scenario) throws Exception {
        return check(scenario, scenario.venue().suiteRequests());
    }

    /** Runs the scenario with {@code requests} requests, reports it, and checks what every scenario must keep. */
    static ScenarioResult check(FaultScenario scenario, int requests) throws Exception {
        ScenarioResult r = run.run(scenario, requests);
        REPORT.add(r);
        LOG.info("{}: {} ended ({} success, {} failed, {} error, {} dropped, {} cancelled); states {}; {} s;"
                        + " heap {} KiB before, {} KiB after", scenario, r.ended(), r.success(), r.failed(), r.error(),
                r.dropped(), r.cancelled(), r.statesLine(), String.format(java.util.Locale.ROOT, "%.1f", r.seconds()),
                r.heapBefore() >> 10, r.heapAfter() >> 10);

        assertThat(r.unended()).as("requests whose caller never heard").isZero();
        assertThat(r.violations()).as("broken promises").isEmpty();
        assertThat(r.ended()).as("success + failed + error + dropped + cancelled").isEqualTo(r.requests());
        ClientMetrics totals = r.totals();
        assertThat(totals.ended()).as("the client's own totals: ended = submitted (%s)", totals)
                .isEqualTo(totals.submitted());
        assertThat(totals.queued() + totals.inFlight()).as("calls left queued or in flight").isZero();

        assertThat(r.ordersSent()).as("orders in the load").isEqualTo(r.requests() * 3 / 20);
        assertThat(r.duplicates()).as("client order ids that reached the simulator twice").isZero();
        assertThat(r.ordersUnknown()).as("orders whose caller was told the outcome is unknown (%s)", r.resolutions()).isZero();
        assertThat(r.resolutions().stillUnknown()).as("lost order answers the gateway could not settle").isZero();

        assertThat(r.states()).as("states of the gateway during '%s'", scenario)
                .containsAnyElementsOf(scenario.mustVisit());
        assertThat(r.endState()).as("state of the gateway after '%s' (states seen: %s)", scenario, r.statesLine())
                .isEqualTo(GatewayState.UP);

        assertThat(r.workers()).as("I/O threads before the load").isEqualTo(FaultRun.ioThreads());
        assertThat(r.workersAlive()).as("the same I/O threads alive after the load").isEqualTo(r.workers());
        assertThat(r.heapGrowth()).as("heap growth over the scenario (before %d MiB, after %d MiB)",
                r.heapBefore() >> 20, r.heapAfter() >> 20).isLessThan(HEAP_MARGIN);
        return r;
    }
}
