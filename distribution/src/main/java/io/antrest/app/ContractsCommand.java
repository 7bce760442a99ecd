package io.antrest.app;

import io.antrest.app.config.ConfigLoader;
import io.antrest.core.Redactor;
import io.antrest.core.RestClientConfig;
import io.antrest.gateway.ContractDiff;
import io.antrest.gateway.ContractMismatchException;
import io.antrest.gateway.ContractPolicy;
import io.antrest.gateway.ContractStore;
import io.antrest.gateway.Gateway;
import io.antrest.gateway.GatewayManager;
import io.antrest.gateway.GatewaySettings;
import io.antrest.gateway.JdbcUrls;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.monitor.MonitorConfig;
import io.antrest.monitor.MonitorEngine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code antrest contracts}: connects to an exchange (public endpoints only, no key needed), loads
 * its contracts, compares them with the store and prints a summary. Exit 0 when they match or
 * were synced (or the store was empty), 3 on a mismatch under the strict policy.
 */
@Command(name = "contracts", mixinStandardHelpOptions = true,
        description = {"Loads an exchange's contracts, compares them with the contract store and prints a summary.",
                "Exit code 0: they match, or were synced (--sync), or the store was initialised; 3: they differ (strict)."})
public final class ContractsCommand implements Callable<Integer> {
    /** The exit code of a mismatch under the strict policy. */
    static final int MISMATCH = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXCHANGE", description = "the exchange plugin, e.g. binance, bitmex or okx")
    String exchange;

    @ArgGroup(exclusive = true)
    Where where;

    /** Where the exchange is: a URL or its testnet (default: live). */
    static final class Where {
        @Option(names = "--url", paramLabel = "URL", description = "any base URL: the simulator, a proxy")
        String url;

        @Option(names = "--testnet", description = "the exchange's testnet")
        boolean testnet;
    }

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "the contract store (default: the H2 database $ANTREST_HOME/data/contracts)")
    String db;

    @Option(names = "--sync", description = "update the store to what the exchange lists, instead of failing on a difference")
    boolean sync;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExchangeSettings.Builder settings = ExchangeSettings.builder();
        if (where != null && where.url != null) {
            try {
                settings.url(where.url);
            } catch (GatewaySettingsException e) {
                err.println("--url: " + e.getMessage());
                err.flush();
                return 2;
            }
        } else if (where != null && where.testnet) {
            settings.testnet();
        }
        String jdbcUrl = db != null ? db : ConfigLoader.standard().defaultJdbcUrl();
        if (JdbcUrls.inMemory(jdbcUrl)) {
            err.println("--db names an H2 in-memory database, which is empty in every new process and gone when this"
                    + " command ends: there would be nothing to compare with and nothing kept. Give a database that"
                    + " lasts: leave --db out for the embedded one under data/, or give jdbc:h2:file:PATH or"
                    + " jdbc:postgresql://host/db");
            return 2;
        }
        String problem = JdbcUrls.problem(jdbcUrl).orElse(null);
        if (problem != null) {
            err.println((db != null ? "--db " + Redactor.url(jdbcUrl) + " " : "the default contract store ") + problem);
            return 2;
        }
        ContractStore store = new ContractStore(jdbcUrl);
        List<Contract> before = store.load(exchange);
        // One short-lived gateway: no heart-beats needed, so the interval is long.
        try (MonitorEngine monitor = new MonitorEngine(MonitorConfig.builder().heartBeatInterval(Duration.ofHours(1)).build(),
                Clock.systemUTC());
             GatewayManager manager = new GatewayManager(ProviderRegistry.discover(), store, monitor, RestClientConfig.defaults())) {
            Gateway g = manager.connect(exchange, GatewaySettings.builder().sessions(2)
                    .contractPolicy(sync ? ContractPolicy.SYNC : ContractPolicy.STRICT)
                    .exchange(settings.build()).build());
            List<Contract> after = store.load(exchange);
            ContractDiff diff = ContractDiff.between(exchange, before, after);
            String result = before.isEmpty() ? "INITIALISED" : diff.isEmpty() ? "MATCH" : "SYNCED";
            table(out, Redactor.url(g.exchange().baseUrl()), jdbcUrl, after.size(), before.size(), result, diff);
            out.println(before.isEmpty() ? "store initialised with " + after.size() + " contracts"
                    : diff.isEmpty() ? "the store matches the exchange" : "the store was synced to the exchange");
            out.flush();
            return 0;
        } catch (ContractMismatchException e) {
            ContractDiff diff = e.diff();
            int listed = before.size() + diff.added().size() - diff.removed().size();
            table(out, exchange, jdbcUrl, listed, before.size(), "MISMATCH", diff);
            out.flush();
            err.println("the contracts of " + exchange + " differ from the store; the store is unchanged. Run again with"
                    + " --sync to take the exchange's, or check what changed before trading.");
            err.flush();
            return MISMATCH;
        }
    }

    private static void table(PrintWriter out, String where, String jdbcUrl, int listed, int stored, String result,
                              ContractDiff diff) {
        String f = "%-9s %s%n";
        out.printf(Locale.ROOT, f, "exchange", where);
        out.printf(Locale.ROOT, f, "store", Redactor.url(jdbcUrl));
        out.printf(Locale.ROOT, f, "listed", listed);
        out.printf(Locale.ROOT, f, "stored", stored + " before");
        out.printf(Locale.ROOT, f, "result", result);
        out.printf(Locale.ROOT, f, "added", diff.added().size() + examples(diff.added().stream().map(Contract::symbol).toList()));
        out.printf(Locale.ROOT, f, "removed", diff.removed().size() + examples(diff.removed().stream().map(Contract::symbol).toList()));
        out.printf(Locale.ROOT, f, "changed", diff.changed().size() + examples(diff.changed().stream().map(Object::toString).toList()));
    }

    private static String examples(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        return "  " + String.join(", ", items.subList(0, Math.min(5, items.size()))) + (items.size() > 5 ? ", ..." : "");
    }
}
