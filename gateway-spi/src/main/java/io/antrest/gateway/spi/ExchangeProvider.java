package io.antrest.gateway.spi;

import java.util.Set;

/**
 * The entry point of an exchange plugin, found with {@link java.util.ServiceLoader}: declare it
 * with {@code provides io.antrest.gateway.spi.ExchangeProvider with ...} in the plugin's
 * {@code module-info.java} and in {@code META-INF/services/io.antrest.gateway.spi.ExchangeProvider},
 * so it is found on the module path and on the class path alike. It needs a public no-argument
 * constructor and must do no I/O when made.
 */
public interface ExchangeProvider {

    /** The exchange's name, lower case, as users write it: {@code binance}, {@code bitmex}, {@code okx}. */
    String name();

    /** The plugin's own version, e.g. {@code 0.1.0}. */
    String version();

    /**
     * The SPI version the plugin was built against: implement it as {@code return Spi.VERSION;}, which
     * the compiler copies into the plugin's class. The runtime reports a mismatch by name.
     */
    int spiVersion();

    /**
     * The names of the exchange-specific options the plugin reads ({@link ExchangeSettings#options()},
     * e.g. {@code recv_window}), so that the runtime refuses a misspelt one and lists these. The
     * default, an empty set, means "not stated": every option is passed on unchecked, as for a
     * plugin built before this method was added (which is why it did not bump {@link Spi#VERSION}).
     */
    default Set<String> options() {
        return Set.of();
    }

    /**
     * Makes an exchange from settings (base URL choice, credentials, exchange-specific options).
     *
     * @throws GatewaySettingsException naming the setting that is missing or wrong
     */
    Exchange create(ExchangeSettings settings);
}
