package io.antrest.gateway.binance;

import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.Spi;

import static java.util.Objects.requireNonNull;

/**
 * The Binance spot plugin's entry point, found with {@link java.util.ServiceLoader}.
 *
 * <p>Settings: live ({@code https://api.binance.com}), testnet ({@code https://testnet.binance.vision})
 * or any URL; credentials of type HMAC (secret), ED25519 or RSA (PKCS#8 PEM private key); option
 * {@code recv_window} in milliseconds, 1 to 60000 (default 5000); option {@code weight_limit}, the
 * REQUEST_WEIGHT per minute the client-side budget allows (default 6000, Binance's; an account
 * or a simulator with a higher limit, e.g. {@code antrest sim --weight-limit}, may raise it);
 * option {@code order_limit}, the new orders per 10 seconds the client holds itself to (default
 * 100, Binance's ORDERS limit; set it to what exchangeInfo says for your account).
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
    /** The REQUEST_WEIGHT per minute the budget allows when the settings give none (Binance's own limit). */
    public static final long DEFAULT_WEIGHT_LIMIT = BinanceExchange.WEIGHT_PER_MINUTE;

    /** Made by {@link java.util.ServiceLoader}; does nothing. */
    public BinanceProvider() {
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
        long weightLimit = settings.longOption("weight_limit", DEFAULT_WEIGHT_LIMIT);
        if (weightLimit < 1 || weightLimit > Integer.MAX_VALUE) {
            throw new GatewaySettingsException("binance setting 'weight_limit' must be a request weight per minute from 1 to "
                    + Integer.MAX_VALUE + ", was " + weightLimit + "; leave it unset for Binance's " + DEFAULT_WEIGHT_LIMIT);
        }
        long orderLimit = settings.longOption("order_limit", BinanceExchange.ORDERS_PER_10_SECONDS);
        if (orderLimit < 1 || orderLimit > Integer.MAX_VALUE) {
            throw new GatewaySettingsException("binance setting 'order_limit' must be a number of new orders per 10 seconds"
                    + " from 1 to " + Integer.MAX_VALUE + ", was " + orderLimit + "; leave it unset for Binance's "
                    + BinanceExchange.ORDERS_PER_10_SECONDS);
        }
        String url = settings.resolveUrl(BinanceExchange.LIVE_URL, BinanceExchange.TESTNET_URL);
        return new BinanceExchange(url, new BinanceSigner(settings, recvWindow), (int) weightLimit, (int) orderLimit);
    }

    @Override
    public String toString() {
        return "BinanceProvider{" + NAME + " " + version() + "}";
    }
}
