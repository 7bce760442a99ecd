package io.antrest.gateway.spi;

import io.antrest.core.Printable;
import io.antrest.core.Redactor;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The settings one gateway is made from: where to connect (live, testnet or any URL), its
 * credentials, and exchange-specific options by name (e.g. {@code recv_window}). Immutable;
 * {@link #toString()} never prints credentials.
 */
public final class ExchangeSettings {
    /** Which of the exchange's servers to use. */
    public enum Environment {
        /** The exchange's production API. */
        LIVE,
        /** The exchange's test network. */
        TESTNET,
        /** The URL given with {@link Builder#url(String)}: the simulator, a proxy, a mirror. */
        CUSTOM
    }

    /** The option that multiplies a plugin's client-side rate limits ({@link #limitScale}). */
    public static final String LIMIT_SCALE = "limit_scale";
    /**
     * The largest {@link #LIMIT_SCALE}: a million times an exchange's limits is far beyond any
     * account's, and keeps the plugins' largest scaled limits within an int.
     */
    public static final int MAX_LIMIT_SCALE = 1_000_000;

    private static final int MIN_PORT = 1;
    private static final int MAX_PORT = 65_535;

    private final Environment environment;
    private final String url;
    private final Credentials credentials;
    private final Map<String, String> options;

    private ExchangeSettings(Builder b) {
        this.environment = b.environment;
        this.url = b.url;
        this.credentials = b.credentials;
        this.options = Map.copyOf(b.options);
    }

    /** A builder: live, no credentials, no options. */
    public static Builder builder() {
        return new Builder();
    }

    /** Which server to use. */
    public Environment environment() {
        return environment;
    }

    /** The URL for {@link Environment#CUSTOM}. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** The credentials, if any were given (public endpoints need none). */
    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /**
     * The credentials.
     *
     * @throws GatewaySettingsException when none were given, naming the settings to set
     */
    public Credentials requireCredentials(String exchange) {
        if (credentials == null) {
            throw new GatewaySettingsException("exchange '" + exchange + "' needs credentials for this call and the gateway"
                    + " has none: give it an API key and secret (in antrest.properties gateway.NAME.api-key and"
                    + " gateway.NAME.secret or gateway.NAME.secret-file, best as ${env:VARIABLE}; when embedding,"
                    + " ExchangeSettings.builder().credentials(...)); public calls need none");
        }
        return credentials;
    }

    /** An option by name. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /**
     * An integer option, or {@code defaultValue} when not set.
     *
     * @throws GatewaySettingsException when it is set but not an integer
     */
    public long longOption(String name, long defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new GatewaySettingsException("setting '" + name + "' must be a whole number, was \"" + v
                    + "\"; write digits only (e.g. 5000), or leave it unset for the default " + defaultValue);
        }
    }

    /**
     * Option {@value #LIMIT_SCALE}, which a plugin may offer: a whole number from 1 to
     * {@value #MAX_LIMIT_SCALE} that multiplies every client-side rate limit it holds itself to,
     * for an account or a simulator allowed more than the exchange's documented limits.
     *
     * @param exchange the plugin's name, for the message
     * @return 1 when unset
     * @throws GatewaySettingsException when it is set to anything else than such a number
     */
    public int limitScale(String exchange) {
        String raw = options.get(LIMIT_SCALE);
        if (raw == null) {
            return 1;
        }
        long scale;
        try {
            scale = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            scale = 0;
        }
        if (scale < 1 || scale > MAX_LIMIT_SCALE) {
            throw new GatewaySettingsException(exchange + " setting gateway.NAME.option." + LIMIT_SCALE + " must be a whole"
                    + " number from 1 to " + MAX_LIMIT_SCALE + ", was \"" + Printable.of(raw, 40) + "\"; it multiplies every "
                    + exchange + " rate limit the client holds itself to: leave it unset for " + exchange + "'s documented"
                    + " limits, or set the factor your account or simulator allows");
        }
        return (int) scale;
    }

    /** All options (credentials are not among them). */
    public Map<String, String> options() {
        return options;
    }

    /** The base URL to use, given the exchange's live and testnet URLs. */
    public String resolveUrl(String liveUrl, String testnetUrl) {
        return switch (environment) {
            case LIVE -> liveUrl;
            case TESTNET -> testnetUrl;
            case CUSTOM -> url;
        };
    }

    @Override
    public String toString() {
        return "ExchangeSettings{" + environment + (url == null ? "" : " " + url)
                + (credentials == null ? ", no credentials" : ", " + credentials) + ", options=" + new TreeMap<>(options) + "}";
    }

    /** Builds {@link ExchangeSettings}. */
    public static final class Builder {
        private Environment environment = Environment.LIVE;
        private String url;
        private Credentials credentials;
        private final Map<String, String> options = new TreeMap<>();

        private Builder() {
        }

        /** Uses the live servers. */
        public Builder live() {
            this.environment = Environment.LIVE;
            this.url = null;
            return this;
        }

        /** Uses the exchange's testnet. */
        public Builder testnet() {
            this.environment = Environment.TESTNET;
            this.url = null;
            return this;
        }

        /**
         * Uses any base URL (the simulator, a proxy).
         *
         * @throws GatewaySettingsException when it is not an http(s) URL with a host, and a port from 1 to 65535 if any,
         *                                  or holds a user name and password ({@code http://user:password@host}),
         *                                  which no exchange reads: keys go in {@link Credentials}
         */
        public Builder url(String url) {
            requireNonNull(url, "url is null");
            String u = url.trim();
            String shown = Redactor.url(u);
            String example = "; give one like https://testnet.binance.vision or http://127.0.0.1:8080";
            if (!(u.startsWith("http://") || u.startsWith("https://")) || u.length() <= "https://".length()) {
                throw new GatewaySettingsException("base URL \"" + shown + "\" is not an http(s) URL" + example);
            }
            try {
                java.net.URI uri = new java.net.URI(u);
                if (uri.getRawUserInfo() != null || !shown.equals(u)) {
                    throw new GatewaySettingsException("base URL \"" + shown + "\" holds a user name or password before"
                            + " the host, which antrest never sends (exchanges authenticate each request with the API"
                            + " key and secret): remove the 'user:password@' part, and give a proxy's credentials as"
                            + " its own user and password");
                }
                if (uri.getHost() == null) {
                    throw new GatewaySettingsException("base URL \"" + shown + "\" has no host name" + example);
                }
                if (uri.getPort() != -1 && (uri.getPort() < MIN_PORT || uri.getPort() > MAX_PORT)) {
                    throw new GatewaySettingsException("base URL " + uri.getScheme() + "://" + uri.getHost() + ":"
                            + uri.getPort() + " has port " + uri.getPort() + ", outside " + MIN_PORT + " to " + MAX_PORT
                            + "; give the exchange's port, or none for the scheme's own (80 for http, 443 for https)");
                }
            } catch (java.net.URISyntaxException e) {
                throw new GatewaySettingsException("base URL \"" + shown + "\" is not a URL (" + e.getReason() + " at index "
                        + e.getIndex() + ")" + example);
            }
            this.environment = Environment.CUSTOM;
            this.url = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
            return this;
        }

        /** Sets the credentials (null for none). */
        public Builder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Sets an exchange-specific option. */
        public Builder option(String name, String value) {
            options.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
            return this;
        }

        /** Builds the settings. */
        public ExchangeSettings build() {
            return new ExchangeSettings(this);
        }
    }
}
