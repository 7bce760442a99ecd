package io.antrest.core.inject;

import com.google.inject.AbstractModule;
import io.antrest.core.RestClientConfig;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * The Guice module of rest-core: binds the {@link RestClientConfig} every client of the injector
 * is built with, and its clock. Free of side effects; the engine works without Guice too.
 */
public final class RestCoreModule extends AbstractModule {
    private final RestClientConfig config;

    /** With the default configuration. */
    public RestCoreModule() {
        this(RestClientConfig.defaults());
    }

    /** With the given configuration. */
    public RestCoreModule(RestClientConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(RestClientConfig.class).toInstance(config);
        bind(Clock.class).toInstance(config.clock());
    }
}
