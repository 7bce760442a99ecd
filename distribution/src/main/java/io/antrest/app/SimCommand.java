package io.antrest.app;

import io.antrest.sim.SimExchange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code antrest sim}: the exchange simulator in the foreground, until Ctrl-C. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Runs the loopback exchange simulator (Binance, BitMEX and OKX dialects) in the foreground, until Ctrl-C.",
                "Signed calls take its demo keys (see README); they are valid only on the simulator."})
public final class SimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "the loopback port to listen on, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--weight-limit", paramLabel = "W", defaultValue = "6000",
            description = "Binance request weight per minute and BitMEX requests per minute allowed before 429"
                    + " (default: Binance's ${DEFAULT-VALUE}; raise it for benchmarks)")
    int weightLimit;

    @Option(names = "--okx-limit-scale", paramLabel = "F", defaultValue = "1",
            description = "multiplies every OKX per-endpoint limit (default: ${DEFAULT-VALUE}, OKX's own; raise it for benchmarks)")
    int okxLimitScale;

    @Option(names = "--fault", paramLabel = "SPEC",
            description = {"a fault to inject, repeatable, e.g. \"POST /api/v3/order:status=503;reset-after\" or",
                    "\"/api/v3/account:latency=200ms\" (the syntax: io.antrest.sim.FaultSpec); a running simulator",
                    "takes more with POST /_sim/faults, one spec per line. Hostile ones: \"/*:hang=100000\" freezes",
                    "every path (accepts, never answers) until DELETE /_sim/faults thaws it; \"/api/v3/ping:drip\" answers",
                    "a byte every 100 ms; \"/api/v3/ping:status=429;retry-after=999999999\""})
    java.util.List<String> faults = new java.util.ArrayList<>();

    /** The largest {@code --okx-limit-scale}: the okx plugin's {@code limit_scale} goes no higher. */
    static final int MAX_OKX_LIMIT_SCALE = 1_000_000;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (port < 0 || port > 65535) {
            spec.commandLine().getErr().println("--port must be 0 to 65535, was " + port);
            return 2;
        }
        if (weightLimit < 1) {
            spec.commandLine().getErr().println("--weight-limit must be at least 1, was " + weightLimit);
            return 2;
        }
        if (okxLimitScale < 1 || okxLimitScale > MAX_OKX_LIMIT_SCALE) {
            spec.commandLine().getErr().println("--okx-limit-scale must be from 1 to " + MAX_OKX_LIMIT_SCALE + ", was "
                    + okxLimitScale + " (the okx plugin's own option limit_scale goes no higher)");
            return 2;
        }
        SimExchange.Builder builder = SimExchange.builder().port(port).okxRateLimitScale(okxLimitScale);
        if (weightLimit != 6000) {
            builder.binanceWeightLimit(weightLimit).bitmexRateLimit(weightLimit);
        }
        SimExchange sim = builder.build();
        for (String fault : faults) {
            try {
                sim.faults().apply(fault);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("--fault \"" + fault + "\": " + e.getMessage());
                return 2;
            }
        }
        sim.start();
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "antrest-sim-shutdown"));
        out.println("exchange simulator listening on 127.0.0.1:" + sim.port());
        out.println("  binance  " + sim.binanceUrl());
        out.println("  bitmex   " + sim.bitmexUrl());
        out.println("  okx      " + sim.okxUrl());
        out.println("signed calls take the simulator's demo keys (README, \"The simulator\"); public ones need none");
        if (!faults.isEmpty()) {
            out.println(faults.size() + " fault(s) armed: " + String.join(" | ", faults));
        }
        out.println("Ctrl-C stops it");
        out.flush();
        sim.awaitStop();
        return 0;
    }
}
