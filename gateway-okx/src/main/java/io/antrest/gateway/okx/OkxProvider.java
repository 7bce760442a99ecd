package io.antrest.gateway.okx;

import io.antrest.core.Printable;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.KeyType;
import io.antrest.gateway.spi.Spi;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The OKX v5 spot plugin's entry point, found with {@link java.util.ServiceLoader}.
 *
 * <p>Settings: live ({@code https://www.okx.com}); testnet, which for OKX is demo trading on the
 * same host, every request carrying {@code x-simulated-trading: 1}; or any URL (the simulator, a
 * proxy), where option {@code simulated=true} asks for demo trading too. Credentials: an HMAC
 * key (api-key and secret) with the passphrase chosen when the key was made
 * ({@code gateway.NAME.passphrase}). Option {@code limit_scale}, a whole number from 1 to
 * {@value #MAX_LIMIT_SCALE} (default 1), multiplies every client-side rate limit (OKX's documented
 * numbers: 10 balance requests per 2 s, 60 orders per 2 s per instrument…) for an account or a
 * simulator allowed more ({@code antrest sim --okx-limit-scale}). Option {@code order_exp_time_ms},
 * {@value #MIN_ORDER_EXP_TIME_MS} to {@value #MAX_ORDER_EXP_TIME_MS} (default
 * {@value #DEFAULT_ORDER_EXP_TIME_MS}): every order placement carries {@code expTime} = signing time
 * plus this, and OKX does not process it after that (Overview &gt; Transaction Timeouts), so an order
 * whose answer was lost and that is not found once it has passed was not placed
 * ({@link io.antrest.gateway.spi.TradingApi#orderAcceptanceWindow()}). No other option is known; an
 * unknown one is refused.
 *
 * <p>Which requests are signed: everything outside {@code /api/v5/public/} and
 * {@code /api/v5/market/} (account, trade, asset…). Public requests are sent unsigned.
 */
public final class OkxProvider implements ExchangeProvider {
    /** The exchange's name. */
    public static final String NAME = "okx";
    /** Option: {@code true} to send every request as demo trading ({@code x-simulated-trading: 1}). */
    public static final String OPTION_SIMULATED = "simulated";
    /** Option: a whole number that multiplies every client-side rate limit (default 1, OKX's documented limits). */
    public static final String OPTION_LIMIT_SCALE = ExchangeSettings.LIMIT_SCALE;
    /**
     * The largest {@code limit_scale}: a million times OKX's limits is far beyond any account's and
     * keeps the largest scaled limit (1000 orders per 2 s per sub-account) within an int.
     */
    public static final int MAX_LIMIT_SCALE = ExchangeSettings.MAX_LIMIT_SCALE;
    /**
     * Option: how long after signing an order placement OKX may still process it, in milliseconds
     * ({@code expTime} = signing time + this).
     */
    public static final String OPTION_ORDER_EXP_TIME_MS = "order_exp_time_ms";
    /** The {@code order_exp_time_ms} when unset: Binance's default recvWindow, ample for a sound network and clock. */
    public static final long DEFAULT_ORDER_EXP_TIME_MS = 5000;
    /** The smallest {@code order_exp_time_ms}: below it network time and clock error alone would refuse most orders. */
    public static final long MIN_ORDER_EXP_TIME_MS = 100;
    /**
     * The largest {@code order_exp_time_ms}: OKX refuses a request whose OK-ACCESS-TIMESTAMP is more
     * than 30 seconds from its time (50102, Overview &gt; REST Authentication) whatever its expTime.
     */
    public static final long MAX_ORDER_EXP_TIME_MS = 30_000;
    private static final Set<String> OPTIONS = Set.of(OPTION_SIMULATED, OPTION_LIMIT_SCALE, OPTION_ORDER_EXP_TIME_MS);

    /** Made by {@link java.util.ServiceLoader}; does nothing. */
    public OkxProvider() {
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
        for (String option : settings.options().keySet()) {
            if (!OPTIONS.contains(option)) {
                throw new GatewaySettingsException("okx has no setting '" + option + "'; the okx settings are "
                        + new TreeSet<>(OPTIONS) + " (gateway.NAME.OPTION in antrest.properties): remove it or fix its name");
            }
        }
        boolean simulated = simulated(settings);
        int limitScale = settings.limitScale(NAME);
        Duration orderExpTime = orderExpTime(settings);
        Credentials credentials = settings.credentials().orElse(null);
        String passphrase = null;
        if (credentials != null) {
            if (credentials.type() != KeyType.HMAC) {
                throw new GatewaySettingsException("okx API keys are HMAC keys (api-key, secret and passphrase); a "
                        + credentials.type() + " key was given: drop the key type setting (gateway.NAME.key-type) or set it to hmac");
            }
            passphrase = credentials.requirePassphrase(NAME);
        }
        String url = settings.resolveUrl(OkxExchange.LIVE_URL, OkxExchange.TESTNET_URL);
        return new OkxExchange(url, new OkxSigner(settings, passphrase, simulated, orderExpTime), limitScale);
    }

    /**
     * Option {@code order_exp_time_ms}: {@link #DEFAULT_ORDER_EXP_TIME_MS} when unset, else a whole
     * number of milliseconds from {@link #MIN_ORDER_EXP_TIME_MS} to {@link #MAX_ORDER_EXP_TIME_MS}.
     */
    private static Duration orderExpTime(ExchangeSettings settings) {
        String raw = settings.option(OPTION_ORDER_EXP_TIME_MS).orElse(null);
        if (raw == null) {
            return Duration.ofMillis(DEFAULT_ORDER_EXP_TIME_MS);
        }
        long millis = wholeNumber(raw);
        if (millis < MIN_ORDER_EXP_TIME_MS || millis > MAX_ORDER_EXP_TIME_MS) {
            throw new GatewaySettingsException("okx setting gateway.NAME.option." + OPTION_ORDER_EXP_TIME_MS + " must be a"
                    + " whole number of milliseconds from " + MIN_ORDER_EXP_TIME_MS + " to " + MAX_ORDER_EXP_TIME_MS + ", was \""
                    + Printable.of(raw, 40) + "\"; it is how long after signing OKX may still take an order (its expTime):"
                    + " leave it unset for " + DEFAULT_ORDER_EXP_TIME_MS + ", or write e.g. 2000 for a shorter wait before a lost"
                    + " order is known not placed (OKX refuses any request over 30 s old)");
        }
        return Duration.ofMillis(millis);
    }

    /** A whole number as written, or {@link Long#MIN_VALUE} when it is none. */
    private static long wholeNumber(String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Demo trading: the testnet environment, or option {@code simulated=true}. */
    private static boolean simulated(ExchangeSettings settings) {
        boolean testnet = settings.environment() == ExchangeSettings.Environment.TESTNET;
        String value = settings.option(OPTION_SIMULATED).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse(null);
        if (value == null) {
            return testnet;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new GatewaySettingsException("okx setting '" + OPTION_SIMULATED + "' must be true or false, was \""
                    + settings.option(OPTION_SIMULATED).orElse("") + "\"; true sends every request as demo trading"
                    + " (x-simulated-trading: 1)");
        }
        if (testnet && value.equals("false")) {
            throw new GatewaySettingsException("okx setting '" + OPTION_SIMULATED + "=false' contradicts the testnet: OKX's"
                    + " testnet is demo trading, which is simulated; drop the setting, or choose the live servers");
        }
        return value.equals("true");
    }

    @Override
    public String toString() {
        return "OkxProvider{" + NAME + " " + version() + "}";
    }
}
