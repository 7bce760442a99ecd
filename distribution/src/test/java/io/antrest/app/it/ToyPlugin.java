package io.antrest.app.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A third exchange plugin that the build never sees: its source is here, compiled at test time
 * with the JDK's javac against the distribution's own {@code lib/} and packed as a jar with a module descriptor and a
 * {@code META-INF/services} entry, like any plugin.
 */
final class ToyPlugin {
    static final String NAME = "toyex";
    static final String VERSION = "9.1.0";

    private static final String MODULE_INFO = """
            module com.example.toyex {
                requires io.antrest.gateway.spi;
                provides io.antrest.gateway.spi.ExchangeProvider with com.example.toyex.ToyProvider;
            }
            """;

    private static final String PROVIDER = """
            package com.example.toyex;

            import io.antrest.core.Request;
            import io.antrest.core.RequestSigner;
            import io.antrest.core.Response;
            import io.antrest.gateway.spi.*;
            import java.time.Duration;
            import java.time.Instant;
            import java.util.List;
            import java.util.Optional;

            public final class ToyProvider implements ExchangeProvider {
                @Override public String name() { return "toyex"; }
                @Override public String version() { return "9.1.0"; }
                @Override public int spiVersion() { return Spi.VERSION; }
                @Override public Exchange create(ExchangeSettings settings) {
                    return new Exchange() {
                        @Override public String name() { return "toyex"; }
                        @Override public String liveUrl() { return "https://api.toyex.example"; }
                        @Override public String testnetUrl() { return "https://testnet.toyex.example"; }
                        @Override public String baseUrl() { return settings.resolveUrl(liveUrl(), testnetUrl()); }
                        @Override public RequestSigner signer() { return RequestSigner.NONE; }
                        @Override public Request pingRequest() { return Request.get("/ping").build(); }
                        @Override public Optional<Request> serverTimeRequest() { return Optional.empty(); }
                        @Override public Instant parseServerTime(Response r) { return Instant.now(); }
                        @Override public Request contractsRequest() { return Request.get("/contracts").build(); }
                        @Override public List<Contract> parseContracts(Response r) { return List.of(); }
                        @Override public Optional<ExchangeError> readError(Request q, Response r) {
                            return r.isSuccess() ? Optional.empty() : Optional.of(
                                    new ExchangeError(ErrorKind.UNKNOWN, r.status(), "", r.bodyText(), Optional.empty()));
                        }
                        @Override public List<RateLimitRule> rateLimits() {
                            return List.of(new RateLimitRule("requests", RateLimitRule.Scope.IP, 100, Duration.ofMinutes(1)));
                        }
                        @Override public List<RateLimitCost> costOf(Request r) { return List.of(new RateLimitCost("requests", "", 1)); }
                        @Override public TradingApi trading() { throw new UnsupportedOperationException("toyex does not trade"); }
                    };
                }
            }
            """;

    private ToyPlugin() {
    }

    /** Compiles the plugin against {@code lib} and writes {@code toyex-9.1.0.jar} into {@code into}. */
    static Path build(Path lib, Path work, Path into) throws IOException {
        Path src = work.resolve("src");
        Path classes = work.resolve("classes");
        Files.createDirectories(src.resolve("com/example/toyex"));
        Files.createDirectories(classes);
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(src.resolve("com/example/toyex/ToyProvider.java"), PROVIDER);

        // The JDK's own javac, as a plugin author would run it.
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        Process compile = new ProcessBuilder(javac.toString(), "--release", "17", "--module-path", lib.toString(),
                "-d", classes.toString(), src.resolve("module-info.java").toString(),
                src.resolve("com/example/toyex/ToyProvider.java").toString()).redirectErrorStream(true).start();
        String diagnostics = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(compile.waitFor()).as(diagnostics).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compiling the plugin", e);
        }

        Path jar = into.resolve("toyex-" + VERSION + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/io.antrest.gateway.spi.ExchangeProvider"));
            out.write("com.example.toyex.ToyProvider\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
