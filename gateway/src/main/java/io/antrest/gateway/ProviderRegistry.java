package io.antrest.gateway;

import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.Spi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.module.ResolvedModule;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The exchange plugins found with {@link ServiceLoader}, by name, looked up the way SLF4J looks
 * up its providers: declared with {@code provides io.antrest.gateway.spi.ExchangeProvider} on the
 * module path or in {@code META-INF/services} on the class path. A provider that fails to
 * instantiate, or was built for another SPI version, is reported (logged and listed in
 * {@link #problems()}) and skipped; the others still work. Looking a name up fails with one
 * message that says what was found and what to do: no plugin at all, no plugin of that name
 * (listing the names there are), or two plugins of that name (naming both jars). Immutable.
 */
public final class ProviderRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);
    private static final int MAX_ERRORS = 100;

    private final String searched;
    private final Map<String, List<ProviderInfo>> byName;
    private final List<String> problems;

    private ProviderRegistry(String searched, List<ProviderInfo> found, List<String> problems) {
        this.searched = searched;
        Map<String, List<ProviderInfo>> m = new LinkedHashMap<>();
        for (ProviderInfo p : found) {
            m.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p);
        }
        List<String> all = new ArrayList<>(problems);
        m.forEach((name, list) -> {
            if (list.size() > 1) {
                String msg = duplicateMessage(name, list);
                LOG.warn("{}", msg);
                all.add(msg);
            }
        });
        m.replaceAll((k, v) -> List.copyOf(v));
        this.byName = Map.copyOf(m);
        this.problems = List.copyOf(all);
        if (found.isEmpty()) {
            LOG.warn("{}", noneMessage());
        } else {
            LOG.info("exchange plugins found: {}", found);
        }
    }

    /**
     * Finds the providers visible to the thread's context class loader: those on the module path
     * (boot layer) and those in {@code META-INF/services} on the class path.
     */
    public static ProviderRegistry discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : ProviderRegistry.class.getClassLoader());
    }

    /** Finds the providers visible to {@code loader} (its modules and its class path). */
    public static ProviderRegistry load(ClassLoader loader) {
        requireNonNull(loader, "loader is null");
        return fromLoader(ServiceLoader.load(ExchangeProvider.class, loader), "class loader " + loader.getName());
    }

    /** Finds the providers in the modules of {@code layer} and its parents (e.g. a layer made from {@code plugins/}). */
    public static ProviderRegistry load(ModuleLayer layer) {
        requireNonNull(layer, "layer is null");
        return fromLoader(ServiceLoader.load(layer, ExchangeProvider.class), "module layer " + layer);
    }

    /** A registry of providers made by hand (embedding, tests); the same checks apply. */
    public static ProviderRegistry of(List<? extends ExchangeProvider> providers) {
        List<ProviderInfo> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ExchangeProvider p : providers) {
            add(p, p.getClass(), found, problems);
        }
        return new ProviderRegistry("the given providers", found, problems);
    }

    private static ProviderRegistry fromLoader(ServiceLoader<ExchangeProvider> loader, String searched) {
        List<ProviderInfo> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Iterator<ServiceLoader.Provider<ExchangeProvider>> it = loader.stream().iterator();
        int errors = 0;
        while (true) {
            ServiceLoader.Provider<ExchangeProvider> handle;
            try {
                if (!it.hasNext()) {
                    break;
                }
                handle = it.next();
            } catch (ServiceConfigurationError e) {
                // A bad META-INF/services line; the iterator goes on to the next one (best effort).
                report(problems, "an exchange plugin could not be loaded and was skipped: " + e.getMessage(), e);
                if (++errors > MAX_ERRORS) {
                    break;
                }
                continue;
            }
            ExchangeProvider provider;
            try {
                provider = handle.get();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                report(problems, "exchange plugin " + handle.type().getName() + " from " + sourceOf(handle.type())
                        + " failed to instantiate and was skipped: " + rootMessage(e), e);
                continue;
            }
            add(provider, handle.type(), found, problems);
        }
        return new ProviderRegistry(searched, found, problems);
    }

    private static void add(ExchangeProvider p, Class<?> type, List<ProviderInfo> found, List<String> problems) {
        String source = sourceOf(type);
        String name;
        String version;
        int spi;
        try {
            name = requireNonNull(p.name(), "name() returned null").trim().toLowerCase(Locale.ROOT);
            version = requireNonNull(p.version(), "version() returned null");
            spi = spiVersion(p);
        } catch (RuntimeException e) {
            report(problems, "exchange plugin " + type.getName() + " from " + source
                    + " could not say its name or version and was skipped: " + rootMessage(e), e);
            return;
        }
        if (name.isEmpty()) {
            report(problems, "exchange plugin " + type.getName() + " from " + source + " has a blank name and was skipped", null);
            return;
        }
        if (spi != Spi.VERSION) {
            report(problems, "exchange plugin '" + name + "' " + version + " (" + type.getName() + " from " + source
                    + ") was built for SPI version " + spi + " but this runtime has SPI version " + Spi.VERSION
                    + "; it was skipped. Use a '" + name + "' plugin built for this antrest version", null);
            return;
        }
        found.add(new ProviderInfo(name, version, spi, source, p));
    }

    /**
     * The SPI version a provider was built for. SPI 1 gave {@code spiVersion()} a default body, so a
     * provider built for it has no method of its own, and calling it fails with AbstractMethodError.
     */
    private static int spiVersion(ExchangeProvider p) {
        try {
            return p.spiVersion();
        } catch (AbstractMethodError builtForSpi1) {
            return 1;
        }
    }

    private static void report(List<String> problems, String message, Throwable e) {
        problems.add(message);
        if (e == null) {
            LOG.warn("{}", message);
        } else {
            LOG.warn("{}", message, e);
        }
    }

    /**
     * Where a provider class came from: its module's location on the module path, or the jar or
     * directory of its code source on the class path.
     */
    static String sourceOf(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed() && module.getLayer() != null) {
            String loc = module.getLayer().configuration().findModule(module.getName())
                    .map(ResolvedModule::reference).flatMap(r -> r.location()).map(Object::toString).orElse(null);
            if (loc != null) {
                return "module " + module.getName() + " at " + loc;
            }
        }
        try {
            CodeSource cs = type.getProtectionDomain().getCodeSource();
            URL url = cs == null ? null : cs.getLocation();
            if (url != null) {
                return url.toString();
            }
        } catch (SecurityException e) {
            return "unknown location";
        }
        return "unknown location";
    }

    /**
     * The provider named {@code name} (case-insensitive).
     *
     * @throws ProviderLookupException when no plugin was found at all, none has that name, or two do
     */
    public ProviderInfo provider(String name) {
        requireNonNull(name, "name is null");
        String key = name.trim().toLowerCase(Locale.ROOT);
        List<ProviderInfo> list = byName.get(key);
        if (list == null) {
            if (byName.isEmpty()) {
                throw new ProviderLookupException(noneMessage() + problemsSuffix());
            }
            throw new ProviderLookupException("no exchange plugin named '" + name + "'; available: "
                    + String.join(", ", names()) + ". Check the exchange name, or add its plugin jar to plugins/"
                    + problemsSuffix());
        }
        if (list.size() > 1) {
            throw new ProviderLookupException(duplicateMessage(key, list));
        }
        return list.get(0);
    }

    /** The names of the usable providers, sorted (a duplicated name included). */
    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }

    /** Every provider found, in discovery order. */
    public List<ProviderInfo> providers() {
        return byName.values().stream().flatMap(List::stream).collect(Collectors.toUnmodifiableList());
    }

    /** What went wrong while looking: providers skipped, and names that two providers claim. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return "ProviderRegistry{" + providers() + "}";
    }

    private String noneMessage() {
        return "no exchange plugin found (searched " + searched + "): put an exchange plugin jar (e.g. "
                + "antrest-gateway-binance-<version>.jar) in plugins/ or on the module path; it must declare "
                + "'provides io.antrest.gateway.spi.ExchangeProvider' in module-info.java or list its provider in "
                + "META-INF/services/io.antrest.gateway.spi.ExchangeProvider";
    }

    private String problemsSuffix() {
        return problems.isEmpty() ? "" : ". Skipped while looking: " + String.join("; ", problems);
    }

    private static String duplicateMessage(String name, List<ProviderInfo> list) {
        return list.size() + " exchange plugins are named '" + name + "': " + list.stream()
                .map(p -> p.provider().getClass().getName() + " " + p.version() + " from " + p.source())
                .collect(Collectors.joining(" and ")) + ". Remove all but one of them from plugins/ (or the module path)";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (caused by " + t + ")";
    }
}
