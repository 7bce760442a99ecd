package io.antrest.gateway.spi;

/**
 * The version of this plugin contract; a provider built against another version is reported.
 * A provider returns it from {@link ExchangeProvider#spiVersion()}, where the compiler copies the
 * value into the plugin's own class: that is what lets the runtime see which version it was built for.
 */
public final class Spi {
    /**
     * Bumped on every incompatible change of {@code io.antrest.gateway.spi}. 2: several rate-limit
     * rules, errors read from every answer, parsers given their requests, passphrases, the wider
     * {@link Contract}. Additions with a default body do not bump it: a plugin built before them
     * still loads and keeps its behaviour ({@link Exchange#rateLimits(io.antrest.core.Response)}, the
     * limits the exchange states, and {@link ExchangeProvider#options()}, the option names a plugin
     * knows, were added to 2 that way).
     */
    public static final int VERSION = 2;

    private Spi() {
    }
}
