package io.antrest.gateway;

import io.antrest.core.Redactor;
import io.antrest.core.RestClient;
import io.antrest.core.RestClientConfig;
import io.antrest.core.RestException;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.monitor.GatewayState;
import io.antrest.monitor.MonitorEngine;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Connects and keeps the gateways of one application (the seed's {@code MainEngine} calling
 * {@code XXXRestApi.connect}). {@link #connect} finds the exchange's plugin, builds the
 * gateway's {@link RestClient} (base URL, proxy, {@code session_number} workers, the plugin's
 * signer, a rate-limit bucket per rule of the plugin, the plugin's reading of every answer, the
 * monitor as admission and listener),
 * starts it, measures the exchange's clock, loads the contracts (and the rate limits the exchange
 * states in the same answer, which the budget keeps to from then on), checks them against the
 * {@link ContractStore}, and only then has the monitor report the gateway UP and starts its
 * heart-beats. All gateways share one {@link MonitorEngine}.
 */
public final class GatewayManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayManager.class);

    private final ProviderRegistry registry;
    private final ContractStore store;
    private final MonitorEngine monitor;
    private final RestClientConfig clientConfig;
    private final Map<String, Gateway> gateways = new ConcurrentHashMap<>();

    /**
     * A manager over these collaborators.
     *
     * @param registry     the exchange plugins
     * @param store        the contract store
     * @param monitor      the monitor every gateway reports to
     * @param clientConfig the configuration every gateway's client starts from (its clock is
     *                     wrapped to add the exchange's clock offset)
     */
    @Inject
    public GatewayManager(ProviderRegistry registry, ContractStore store, MonitorEngine monitor, RestClientConfig clientConfig) {
        this.registry = requireNonNull(registry, "registry is null");
        this.store = requireNonNull(store, "store is null");
        this.monitor = requireNonNull(monitor, "monitor is null");
        this.clientConfig = requireNonNull(clientConfig, "clientConfig is null");
    }

    /**
     * Connects a gateway to {@code exchange} and returns it once UP.
     *
     * @param exchange the exchange plugin's name, e.g. {@code binance}; the gateway is named after
     *                 it unless the settings name it
     * @param settings how to connect
     * @throws ProviderLookupException    when no plugin (or two) answer to the name
     * @throws GatewaySettingsException   when a setting is wrong or missing
     * @throws ContractMismatchException  under {@link ContractPolicy#STRICT} when the contracts differ from the store
     * @throws RestException              when the exchange could not be reached or answered wrongly
     */
    public Gateway connect(String exchange, GatewaySettings settings) {
        requireNonNull(exchange, "exchange is null");
        requireNonNull(settings, "settings is null");
        ProviderInfo provider = registry.provider(exchange);
        String name = settings.name().orElse(provider.name());
        if (gateways.containsKey(name)) {
            throw new GatewaySettingsException("gateway '" + name + "' is already connected: close it first, or give"
                    + " the new one another name");
        }
        Exchange ex = provider.create(settings.exchange());

        OffsetClock clock = new OffsetClock(clientConfig.clock());
        ExchangeBudget budget = ExchangeBudget.create(name, provider.name(), ex, clock, settings);
        ExchangeAnswers answers = new ExchangeAnswers(name, ex);
        RestClient client = RestClient.builder(name)
                .config(clientConfig.toBuilder().clock(clock).build())
                .signer(ex.signer())
                .admission(monitor)
                .budget(budget)
                .classifier(answers)
                .listener(monitor)
                .listener(budget.feedback())
                .build();
        try {
            client.init(ex.baseUrl(), settings.proxy().orElse(null));
        } catch (IllegalArgumentException e) {
            budget.close();
            throw new GatewaySettingsException("exchange '" + provider.name() + "': " + Redactor.url(e.getMessage()), e);
        }
        Gateway gateway = new Gateway(name, ex, client, clock, monitor, () -> {
            gateways.remove(name);
            budget.close();
        },
                settings.requestTimeout().orElse(null), budget, answers, settings);
        if (gateways.putIfAbsent(name, gateway) != null) {
            budget.close();
            throw new GatewaySettingsException("gateway '" + name + "' is already connected: close it first, or give"
                    + " the new one another name");
        }
        try {
            monitor.transition(name, GatewayState.CONNECTING, "connecting to " + Redactor.url(ex.baseUrl()));
            client.start(settings.sessions());
            LOG.info("gateway '{}': REST API started ({} {} sessions to {}{})", name, provider, settings.sessions(),
                    Redactor.url(ex.baseUrl()), settings.proxy().map(p -> " through " + p).orElse(""));

            Duration timeout = settings.connectTimeout();
            if (ex.serverTimeRequest().isPresent()) {
                // Twice: the first round trip also opens the connection (and, in a fresh process, runs the code
                // for the first time), so its midpoint can be far from when the exchange read its clock; the
                // second, on the open connection, is the one kept. Budget windows turn on this offset.
                await(gateway.syncClock(), timeout, name, "measuring the clock of " + provider.name());
                await(gateway.syncClock(), timeout, name, "measuring the clock of " + provider.name());
            }
            monitor.transition(name, GatewayState.VERIFYING_CONTRACTS, "loading the contracts of " + provider.name());
            List<Contract> contracts = await(gateway.contracts(), timeout, name, "loading the contracts");
            ContractCheck check = store.check(provider.name(), contracts, settings.contractPolicy());

            Duration heartBeatTimeout = settings.heartBeatTimeout().orElse(monitor.config().heartBeatTimeout());
            monitor.attach(name, client, () -> gateway.ping(heartBeatTimeout), settings.heartBeatInterval().orElse(null),
                    heartBeatTimeout, clock::offset);
            monitor.transition(name, GatewayState.UP, check.toString());
            LOG.info("gateway '{}' is UP: {}", name, check);
            return gateway;
        } catch (RuntimeException e) {
            String why = Redactor.url(e.getMessage());
            LOG.warn("gateway '{}' did not come up: {}", name, why);
            monitor.detach(name, "connect failed: " + why);
            client.stop();
            budget.close();
            gateways.remove(name, gateway);
            throw e;
        }
    }

    /** The connected gateway of that name. */
    public Optional<Gateway> gateway(String name) {
        return Optional.ofNullable(gateways.get(requireNonNull(name, "name is null")));
    }

    /** The connected gateways by name. */
    public Map<String, Gateway> gateways() {
        return new TreeMap<>(gateways);
    }

    /** The monitor every gateway reports to. */
    public MonitorEngine monitor() {
        return monitor;
    }

    /** The exchange plugins. */
    public ProviderRegistry registry() {
        return registry;
    }

    /** The contract store. */
    public ContractStore store() {
        return store;
    }

    /** Closes every gateway (the monitor, shared, stays open: its owner closes it). */
    @Override
    public void close() {
        for (Gateway g : new ArrayList<>(gateways.values())) {
            try {
                g.close();
            } catch (RuntimeException e) {
                LOG.warn("gateway '{}' did not close cleanly", g.name(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "GatewayManager{" + gateways().keySet() + "}";
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout, String name, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = Gateway.unwrap(e.getCause());
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new RestException("gateway '" + name + "': " + what + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new RestException("gateway '" + name + "': " + what + " took more than " + timeout.toMillis()
                    + " ms; check that the exchange is reachable, or raise the connect timeout (gateway." + name
                    + ".connect-timeout in antrest.properties; GatewaySettings.Builder.connectTimeout when embedding)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestException("gateway '" + name + "': interrupted while " + what, e);
        }
    }
}
