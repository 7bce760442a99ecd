package io.antrest.gateway;

import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.Spi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Discovery through {@link java.util.ServiceLoader} of real plugin jars, each with its own
 * {@code META-INF/services/io.antrest.gateway.spi.ExchangeProvider}, made in a temporary
 * directory from the test-only providers of {@code io.antrest.gateway.testplugin} and loaded by
 * a class loader of their own (as jars dropped into {@code plugins/} on the class path are).
 */
class ProviderRegistryTest {
    private static final String PKG = "io.antrest.gateway.testplugin.";

    @TempDir
    Path dir;

    private final List<URLClassLoader> loaders = new ArrayList<>();

    @AfterEach
    void closeLoaders() throws IOException {
        for (URLClassLoader l : loaders) {
            l.close();
        }
    }

    @Test
    void noPluginGivesOneClearMessage() {
        ProviderRegistry registry = ProviderRegistry.load(loader());
        assertThat(registry.names()).isEmpty();
        assertThatThrownBy(() -> registry.provider("binance")).isInstanceOf(ProviderLookupException.class)
                .hasMessageContaining("no exchange plugin found")
                .hasMessageContaining("plugins/")
                .hasMessageContaining("provides io.antrest.gateway.spi.ExchangeProvider");
    }

    @Test
    void pluginsAreFoundByNameWithTheirJar() throws IOException {
        Path other = jar("other.jar", "OtherProvider");
        ProviderRegistry registry = ProviderRegistry.load(loader(other));

        ProviderInfo info = registry.provider("OTHER");
        assertThat(info.name()).isEqualTo("other");
        assertThat(info.version()).isEqualTo("9.9.9-test");
        assertThat(info.spiVersion()).isEqualTo(Spi.VERSION);
        assertThat(info.source()).endsWith("other.jar");
        assertThat(info.provider().getClass().getName()).isEqualTo(PKG + "OtherProvider");
        assertThat(registry.problems()).isEmpty();
    }

    @Test
    void anUnknownNameListsTheNamesThatExist() throws IOException {
        ProviderRegistry registry = ProviderRegistry.load(loader(jar("other.jar", "OtherProvider"),
                jar("dup.jar", "DupProviderA")));
        assertThatThrownBy(() -> registry.provider("kraken")).isInstanceOf(ProviderLookupException.class)
                .hasMessageContaining("no exchange plugin named 'kraken'")
                .hasMessageContaining("available: dup, other");
    }

    @Test
    void twoPluginsWithOneNameAreAnErrorNamingBothJars() throws IOException {
        Path a = jar("dup-a.jar", "DupProviderA");
        Path b = jar("dup-b.jar", "DupProviderB");
        ProviderRegistry registry = ProviderRegistry.load(loader(a, b, jar("other.jar", "OtherProvider")));

        assertThatThrownBy(() -> registry.provider("dup")).isInstanceOf(ProviderLookupException.class)
                .hasMessageContaining("2 exchange plugins are named 'dup'")
                .hasMessageContaining(PKG + "DupProviderA").hasMessageContaining("dup-a.jar")
                .hasMessageContaining(PKG + "DupProviderB").hasMessageContaining("dup-b.jar")
                .hasMessageContaining("Remove all but one");
        assertThat(registry.problems()).anyMatch(p -> p.contains("dup-a.jar") && p.contains("dup-b.jar"));
        // the other plugin is not affected
        assertThat(registry.provider("other").name()).isEqualTo("other");
    }

    @Test
    void aPluginForAnotherSpiVersionIsReportedAndSkipped() throws IOException {
        ProviderRegistry registry = ProviderRegistry.load(loader(jar("ancient.jar", "OldSpiProvider"),
                jar("other.jar", "OtherProvider")));
        assertThat(registry.names()).containsExactly("other");
        assertThat(registry.problems()).singleElement().asString()
                .contains("'ancient'").contains("SPI version 0").contains("SPI version " + Spi.VERSION)
                .contains("ancient.jar");
        assertThatThrownBy(() -> registry.provider("ancient")).isInstanceOf(ProviderLookupException.class)
                .hasMessageContaining("available: other").hasMessageContaining("SPI version 0");
    }

    /**
     * A plugin built for SPI 1, where {@code spiVersion()} had a default body, has no method of its
     * own; under SPI 2 (the method abstract) calling it fails, and the registry says "SPI version 1"
     * instead of taking the runtime's own number. The plugin is compiled here with the JDK's javac
     * against SPI 1's shape of the interface, then loaded against the real one.
     */
    @Test
    void aPluginBuiltForSpi1IsReportedAsBuiltForSpi1() throws Exception {
        Path src = dir.resolve("spi1/src");
        Path classes = dir.resolve("spi1/classes");
        Files.createDirectories(src.resolve("io/antrest/gateway/spi"));
        Files.createDirectories(src.resolve("com/example/legacy"));
        Files.createDirectories(classes);
        Files.writeString(src.resolve("io/antrest/gateway/spi/ExchangeProvider.java"), """
                package io.antrest.gateway.spi;
                public interface ExchangeProvider {
                    String name();
                    String version();
                    default int spiVersion() { return 1; }
                }
                """);
        Files.writeString(src.resolve("com/example/legacy/LegacyProvider.java"), """
                package com.example.legacy;
                public final class LegacyProvider implements io.antrest.gateway.spi.ExchangeProvider {
                    @Override public String name() { return "legacy"; }
                    @Override public String version() { return "1.0.0"; }
                }
                """);
        Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "--release", "17", "-d", classes.toString(),
                src.resolve("io/antrest/gateway/spi/ExchangeProvider.java").toString(),
                src.resolve("com/example/legacy/LegacyProvider.java").toString()).redirectErrorStream(true).start();
        String out = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(javac.waitFor()).as(out).isZero();
        Path legacy = dir.resolve("legacy.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(legacy))) {
            jar.putNextEntry(new JarEntry("com/example/legacy/LegacyProvider.class"));
            jar.write(Files.readAllBytes(classes.resolve("com/example/legacy/LegacyProvider.class")));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("META-INF/services/" + ExchangeProvider.class.getName()));
            jar.write("com.example.legacy.LegacyProvider\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }

        ProviderRegistry registry = ProviderRegistry.load(loader(legacy, jar("other.jar", "OtherProvider")));

        assertThat(registry.names()).containsExactly("other");
        assertThat(registry.problems()).singleElement().asString().contains("'legacy'").contains("SPI version 1")
                .contains("SPI version " + Spi.VERSION).contains("legacy.jar");
    }

    @Test
    void aPluginThatFailsToInstantiateIsReportedAndSkipped() throws IOException {
        ProviderRegistry registry = ProviderRegistry.load(loader(jar("broken.jar", "BrokenProvider"),
                jar("other.jar", "OtherProvider")));
        assertThat(registry.names()).containsExactly("other");
        assertThat(registry.problems()).singleElement().asString()
                .contains(PKG + "BrokenProvider").contains("broken.jar").contains("failed to instantiate")
                .contains("missing dependency");
    }

    @Test
    void aServicesLineNamingNoClassIsReportedAndTheRestStillLoad() throws IOException {
        Path bad = dir.resolve("bad.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(bad))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + ExchangeProvider.class.getName()));
            out.write("com.example.NoSuchProvider\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        ProviderRegistry registry = ProviderRegistry.load(loader(bad, jar("other.jar", "OtherProvider")));
        assertThat(registry.names()).containsExactly("other");
        assertThat(registry.problems()).singleElement().asString().contains("com.example.NoSuchProvider");
    }

    @Test
    void handMadeRegistriesApplyTheSameChecks() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(new FakeExchange.Provider(), new FakeExchange.Provider()));
        assertThatThrownBy(() -> registry.provider("fake")).isInstanceOf(ProviderLookupException.class)
                .hasMessageContaining("2 exchange plugins are named 'fake'");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** A jar holding these provider classes (and their base) and a services file naming them. */
    private Path jar(String name, String... providers) throws IOException {
        Path classes = Path.of(ProviderRegistryTest.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            List<String> all = new ArrayList<>(List.of(providers));
            all.add("DiscoveryProvider");
            for (String c : all) {
                String entry = (PKG + c).replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                out.write(Files.readAllBytes(classes.resolve(entry)));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + ExchangeProvider.class.getName()));
            StringBuilder services = new StringBuilder("# test plugin\n");
            for (String p : providers) {
                services.append(PKG).append(p).append('\n');
            }
            out.write(services.toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /**
     * A loader over these jars that defines the test plugins' classes itself (child first), so
     * that they live in its unnamed module, as class-path plugins do, and not in the module
     * under test, whose copy the test run patched in.
     */
    private URLClassLoader loader(Path... jars) {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            try {
                urls[i] = jars[i].toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                throw new AssertionError(e);
            }
        }
        URLClassLoader l = new URLClassLoader("plugins", urls, ProviderRegistryTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.startsWith(PKG)) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    return c != null ? c : findClass(name);
                }
            }
        };
        loaders.add(l);
        return l;
    }
}
