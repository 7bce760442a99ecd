package io.antrest.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.antrest.app.config.AppConfig;
import io.antrest.core.inject.RestCoreModule;
import io.antrest.gateway.GatewayModule;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.monitor.MonitorModule;

import java.time.Clock;

/**
 * Makes the Guice injector of a running antrest from its settings: one module per Maven module
 * ({@link RestCoreModule}, {@link MonitorModule}, {@link GatewayModule}), so the injector yields
 * one {@code MonitorEngine} and one {@code GatewayManager}. Nothing connects until asked. The
 * contract store is a {@link PooledContractStore}, bound too: whoever made the injector closes it
 * when done.
 */
final class Bootstrap {
    private Bootstrap() {
    }

    /** The injector for these settings, with the exchange plugins found on the module path. */
    static Injector injector(AppConfig config) {
        return injector(config, null);
    }

    /** The injector for these settings and these plugins (null: discover them). */
    static Injector injector(AppConfig config, ProviderRegistry registry) {
        PooledContractStore contracts = PooledContractStore.open(config.contracts(), Clock.systemUTC());
        Module store = binder -> binder.bind(PooledContractStore.class).toInstance(contracts);
        return Guice.createInjector(new RestCoreModule(config.client()), new MonitorModule(config.monitor()),
                new GatewayModule(contracts.store(), registry), store);
    }
}
