package io.antrest.gateway;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import com.google.inject.name.Names;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * The Guice module of the gateway runtime: binds one {@link GatewayManager}, the
 * {@link ProviderRegistry} (discovered with {@link ProviderRegistry#discover()} when first
 * needed, unless one is given) and the {@link ContractStore}: the one given, or the one at the
 * JDBC URL named {@value #JDBC_URL}. Needs {@code RestCoreModule} and {@code MonitorModule}. Free of side
 * effects: nothing is discovered or opened while the injector is made.
 */
public final class GatewayModule extends AbstractModule {
    /** The name of the contract store's JDBC URL binding. */
    public static final String JDBC_URL = "antrest.contracts.jdbc-url";

    private final String jdbcUrl;
    private final ContractStore store;
    private final ProviderRegistry registry;

    /** With the contract store at this JDBC URL and the plugins discovered on the path. */
    public GatewayModule(String jdbcUrl) {
        this(jdbcUrl, null);
    }

    /** With the contract store at this JDBC URL and these plugins (null: discover them). */
    public GatewayModule(String jdbcUrl, ProviderRegistry registry) {
        this.jdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl is null");
        this.store = null;
        this.registry = registry;
    }

    /**
     * With this contract store (over a connection pool, say, which its maker closes) and these
     * plugins (null: discover them); {@value #JDBC_URL} is bound to the store's {@link ContractStore#url()}.
     */
    public GatewayModule(ContractStore store, ProviderRegistry registry) {
        this.store = requireNonNull(store, "store is null");
        this.jdbcUrl = store.url();
        this.registry = registry;
    }

    @Override
    protected void configure() {
        bindConstant().annotatedWith(Names.named(JDBC_URL)).to(jdbcUrl);
        bind(GatewayManager.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    ProviderRegistry providerRegistry() {
        return registry != null ? registry : ProviderRegistry.discover();
    }

    @Provides
    @Singleton
    ContractStore contractStore(@Named(JDBC_URL) String url, Clock clock) {
        return store != null ? store : new ContractStore(url, null, null, clock);
    }
}
