package io.antrest.gateway.bitmex;

import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.Spi;
import io.antrest.gateway.spi.KeyType;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The BitMEX plugin's entry point, found with {@link java.util.ServiceLoader}.
 *
 * <p>Settings: live ({@code https://www.bitmex.com/api/v1}), testnet
 * ({@code https://testnet.bitmex.com/api/v1}) or any URL (including its {@code /api/v1} path,
 * which is part of what BitMEX signs); HMAC credentials; option {@code expires_window_seconds},
 * how far ahead of the signing second {@code api-expires} is set, 1 to 3600 (default 5, as BitMEX's
 * reference market maker: "5s grace period in case of clock skew"). A signed order that reaches
 * BitMEX later than that (and the second api-expires names) is refused, so an order whose answer
 * was lost and that is not found after that window was not placed
 * ({@link io.antrest.gateway.spi.TradingApi#orderAcceptanceWindow()}: the option plus one second).
 * Option {@code limit_scale}, a whole number from 1 to {@value #MAX_LIMIT_SCALE} (default 1),
 * multiplies every client-side rate limit (BitMEX's documented 120 requests per minute per key, 30
 * without one, 10 per second on the order routes) for an account or a simulator allowed more.
 *
 * <p>Which requests need the key: those swagger.json does not mark public ({@code /order},
 * {@code /user}, {@code /position}, {@code /execution}, {@code /apiKey}, {@code /address}…), and
 * any request carrying the header {@link #SIGNED_MARKER_HEADER}, which the signer removes. With
 * credentials every request is signed.
 */
public final class BitmexProvider implements ExchangeProvider {
    /** The exchange's name. */
    public static final String NAME = "bitmex";
    /** Put this header (any value) on a request that must be signed although its path is not known as private; it is not sent. */
    public static final String SIGNED_MARKER_HEADER = "X-Antrest-Signed";
    /**
     * How far ahead {@code api-expires} is set when the settings say nothing, in seconds: BitMEX's
     * reference market maker's 5 (sample-market-maker, APIKeyAuthWithExpires), short enough that a
     * lost order is known not placed well within the runtime's resolution time, long enough for the
     * clock error left after the gateway measures the exchange's clock.
     */
    public static final long DEFAULT_EXPIRES_WINDOW_SECONDS = 5;

    /** Option: a whole number that multiplies every client-side rate limit (default 1, BitMEX's documented limits). */
    public static final String OPTION_LIMIT_SCALE = ExchangeSettings.LIMIT_SCALE;
    /** The largest {@code limit_scale}: it keeps the largest scaled limit (120 million requests per minute) within an int. */
    public static final int MAX_LIMIT_SCALE = ExchangeSettings.MAX_LIMIT_SCALE;

    /** The options this plugin reads; any other is refused by the runtime. */
    private static final Set<String> OPTIONS = Set.of("expires_window_seconds", OPTION_LIMIT_SCALE);

    /** Made by {@link java.util.ServiceLoader}; does nothing. */
    public BitmexProvider() {
    }

    @Override
    public Set<String> options() {
        return OPTIONS;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public int spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public Exchange create(ExchangeSettings settings) {
        requireNonNull(settings, "settings is null");
        long window = settings.longOption("expires_window_seconds", DEFAULT_EXPIRES_WINDOW_SECONDS);
        if (window < 1 || window > 3600) {
            throw new GatewaySettingsException("bitmex setting 'expires_window_seconds' must be 1 to 3600 seconds, was "
                    + window + "; leave it unset for the default " + DEFAULT_EXPIRES_WINDOW_SECONDS
                    + " (a signed order is refused once that time has passed, so a shorter window lets a lost order"
                    + " be known not placed sooner)");
        }
        settings.credentials().ifPresent(c -> {
            if (c.type() != KeyType.HMAC) {
                throw new GatewaySettingsException("bitmex API keys are HMAC keys (api-key and secret); a " + c.type()
                        + " key was given: drop the key type setting (gateway.NAME.key-type) or set it to hmac");
            }
        });
        String url = settings.resolveUrl(BitmexExchange.LIVE_URL, BitmexExchange.TESTNET_URL);
        return new BitmexExchange(url, new BitmexSigner(settings, window), settings.credentials().isPresent(),
                settings.limitScale(NAME));
    }

    @Override
    public String toString() {
        return "BitmexProvider{" + NAME + " " + version() + "}";
    }
}
