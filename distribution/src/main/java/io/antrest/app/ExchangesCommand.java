package io.antrest.app;

import io.antrest.gateway.ProviderInfo;
import io.antrest.gateway.ProviderRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code antrest exchanges}: one line per exchange plugin found, {@code name version jar}; problems on standard error. */
@Command(name = "exchanges", mixinStandardHelpOptions = true,
        description = "Lists the exchange plugins found in plugins/ (and on the module path): name version jar.")
public final class ExchangesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProviderRegistry registry = ProviderRegistry.discover();
        for (ProviderInfo p : registry.providers().stream()
                .sorted(java.util.Comparator.comparing(ProviderInfo::name)).toList()) {
            out.println(p.name() + " " + p.version() + " " + jar(p.source()));
        }
        registry.problems().forEach(problem -> err.println("problem: " + problem));
        if (registry.providers().isEmpty()) {
            err.println("no exchange plugin found: copy an exchange plugin jar (e.g. antrest-gateway-binance-*.jar) into plugins/");
        }
        out.flush();
        err.flush();
        return registry.providers().isEmpty() ? 1 : 0;
    }

    /** The jar's file path, from a source such as {@code module x at file:///opt/antrest/plugins/x.jar}. */
    static String jar(String source) {
        int at = source.indexOf("file:");
        if (at < 0) {
            return source;
        }
        try {
            return java.nio.file.Path.of(java.net.URI.create(source.substring(at).trim())).toString();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return source.substring(at);
        }
    }
}
