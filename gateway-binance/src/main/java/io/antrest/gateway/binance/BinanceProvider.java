package io.antrest.gateway.binance;

import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.Spi;

import java.util.OptionalInt;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The Binance spot plugin's entry point, found with {@link java.util.ServiceLoader}.
 *
 * <p>Settings: live ({@code https://api.binance.com}), testnet ({@code https://testnet.binance.vision})
 * or any URL; credentials of type HMAC (secret), ED25519 or RSA (PKCS#8 PEM private key); option
 * {@code recv_window} in milliseconds, 1 to 60000 (default 5000), signed with every SIGNED request:
 * Binance refuses one that reaches its matching engine later than that after its {@code timestamp},
 * so an order whose answer was lost and that is not found after it was not placed
 * ({@link io.antrest.gateway.spi.TradingApi#orderAcceptanceWindow()}). The client-side rate limits are
 * the ones the exchange states in exchangeInfo's {@code rateLimits}, read at connect (request
 * weight per minute, orders per 10 seconds and per day, raw requests per 5 minutes; before that,
 * Binance's 6000, 100, 200 000 and 300 000); option {@code weight_limit}, when set, is the
 * REQUEST_WEIGHT per minute whatever the exchange states, and option {@code order_limit} the new
 * orders per 10 seconds.
 *
 * <p>Which requests are signed: the SIGNED endpoints of Binance's documentation under
 * {@code /api/v3} (account, order, openOrders, allOrders, myTrades…), every {@code /sapi/} path,
 * and any request carrying the header {@link #SIGNED_MARKER_HEADER}, which the signer removes.
 */
public final class BinanceProvider implements ExchangeProvider {
    /** The exchange's name. */
    public static final String NAME = "binance";
    /** Put this header (any value) on a request to an endpoint antrest does not know to have it signed; it is not sent. */
    public static final String SIGNED_MARKER_HEADER = "X-Antrest-Signed";
    /** The recvWindow used when the settings give none, in milliseconds. */
    public static final long DEFAULT_RECV_WINDOW = 5000;
    private static final long MAX_RECV_WINDOW = 60_000;
    /** The REQUEST_WEIGHT per minute the budget allows before the exchange states its own, when the settings give none. */
    public static final long DEFAULT_WEIGHT_LIMIT = BinanceExchange.WEIGHT_PER_MINUTE;

    /** The options this plugin reads; any other is refused by the runtime. */
    private static final Set<String> OPTIONS = Set.of("recv_window", "weight_limit", "order_limit");

    /** Made by {@link java.util.ServiceLoader}; does nothing. */
    public BinanceProvider() {
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
        long recvWindow = settings.longOption("recv_window", DEFAULT_RECV_WINDOW);
        if (recvWindow < 1 || recvWindow > MAX_RECV_WINDOW) {
            throw new GatewaySettingsException("binance setting 'recv_window' must be 1 to 60000 milliseconds (Binance "
                    + "refuses more), was " + recvWindow + "; leave it unset for the default 5000");
        }
        OptionalInt weightLimit = limitOption(settings, "weight_limit", "a request weight per minute",
                BinanceExchange.WEIGHT_PER_MINUTE);
        OptionalInt orderLimit = limitOption(settings, "order_limit", "a number of new orders per 10 seconds",
                BinanceExchange.ORDERS_PER_10_SECONDS);
        String url = settings.resolveUrl(BinanceExchange.LIVE_URL, BinanceExchange.TESTNET_URL);
        return new BinanceExchange(url, new BinanceSigner(settings, recvWindow), weightLimit, orderLimit);
    }

    /** A limit option the user set, checked; empty when unset (the exchange's own limit then applies). */
    private static OptionalInt limitOption(ExchangeSettings settings, String name, String what, int binancesDefault) {
        if (settings.option(name).isEmpty()) {
            return OptionalInt.empty();
        }
        long value = settings.longOption(name, binancesDefault);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new GatewaySettingsException("binance setting '" + name + "' must be " + what + " from 1 to "
                    + Integer.MAX_VALUE + ", was " + value + "; leave it unset for the limit Binance states in exchangeInfo"
                    + " (" + binancesDefault + " until it is read at connect)");
        }
        return OptionalInt.of((int) value);
    }

    @Override
    public String toString() {
        return "BinanceProvider{" + NAME + " " + version() + "}";
    }
}
