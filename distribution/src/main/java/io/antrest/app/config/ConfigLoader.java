package io.antrest.app.config;

import io.antrest.core.CountBound;
import io.antrest.core.DurationBound;
import io.antrest.core.Redactor;
import io.antrest.core.RestClientConfig;
import io.antrest.gateway.BudgetSharing;
import io.antrest.gateway.ContractPolicy;
import io.antrest.gateway.GatewaySettings;
import io.antrest.gateway.IfNotPlaced;
import io.antrest.gateway.JdbcUrls;
import io.antrest.gateway.ProviderInfo;
import io.antrest.gateway.ProviderLookupException;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.KeyType;
import io.antrest.monitor.MonitorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Reads {@code conf/antrest.properties} into an {@link AppConfig}.
 *
 * <p>Values may name environment variables, {@code ${env:BINANCE_SECRET}}, or Java system
 * properties, {@code ${antrest.home}}, so secrets need not be written in the file. A file that
 * does hold a secret (an API key, a secret, a proxy password) while other users may read it
 * draws a warning naming the file and the fix. Every mistake (an unknown setting, a value of the
 * wrong shape, a variable that is not set) is a {@link ConfigException} naming the file, the
 * setting and what to write; no message ever holds a secret's value: a value taken from the
 * environment is never quoted (the message says "the value of ${env:NAME}" instead), the values
 * of the environment and the credentials are masked wherever they would appear, and URLs are
 * redacted ({@link Redactor#url}).
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env:)?([A-Za-z0-9_.\\-]+)}");
    private static final Pattern GATEWAY_KEY = Pattern.compile("gateway\\.([A-Za-z0-9_\\-]+)\\.(.+)");

    private static final String JDBC_URL = "antrest.contracts.jdbc-url";
    private static final String DB_USER = "antrest.contracts.user";
    private static final String DB_PASSWORD = "antrest.contracts.password";
    private static final String DB_POOL_SIZE = "antrest.contracts.pool-size";
    private static final String DB_CONNECT_TIMEOUT = "antrest.contracts.connect-timeout";
    private static final String MONITOR_HTTP = "antrest.monitor.http.bind";
    private static final Map<String, String> GLOBAL_KEYS = orderedMap(
            JDBC_URL, "the contract store's JDBC URL",
            DB_USER, "the contract store's database user",
            DB_PASSWORD, "the database user's password, best as ${env:NAME}",
            DB_POOL_SIZE, "a whole number of connections from 1 to 32",
            DB_CONNECT_TIMEOUT, "a duration from 250ms to 5m, such as 10s",
            "antrest.contracts.policy", "strict or sync, for gateways that name none",
            "antrest.monitor.heartbeat-interval", "a duration such as 10s",
            "antrest.monitor.heartbeat-timeout", "a duration from 100ms to 5m, such as 2s",
            "antrest.monitor.failures-to-down", "a whole number",
            "antrest.monitor.error-window", "a whole number",
            "antrest.monitor.error-ratio", "a number between 0 and 1",
            MONITOR_HTTP, "where antrest run serves /metrics and /health: HOST:PORT such as 127.0.0.1:9464, or 0 for none",
            "antrest.client.queue-capacity", "a whole number",
            "antrest.client.droppable-soft-limit", "a whole number",
            "antrest.client.max-response-bytes", "a whole number of bytes",
            "antrest.client.connect-timeout", "a duration such as 5s",
            "antrest.client.retry-after-cap", "a duration from 1s to 24h, such as 5m",
            "antrest.client.io-threads", "a whole number from 0 (a blocking thread per session) to 256");
    private static final Map<String, String> GATEWAY_KEYS = orderedMap(
            "exchange", "the exchange plugin's name (see: antrest exchanges)",
            "enabled", "true or false",
            "url", "live, testnet, or a base URL such as http://127.0.0.1:8080",
            "sessions", "a whole number from 1 to 256 (session_number)",
            "api-key", "the API key, best as ${env:NAME}",
            "secret", "the secret or PEM private key, best as ${env:NAME}",
            "secret-file", "a file holding the secret or PEM private key (chmod 600)",
            "passphrase", "the API key's passphrase (OKX and others), best as ${env:NAME}",
            "key-type", "hmac, ed25519 or rsa",
            "proxy", "host:port of an HTTP proxy",
            "proxy-user", "the proxy's user",
            "proxy-password", "the proxy's password, best as ${env:NAME}",
            "contract-policy", "strict or sync",
            "heartbeat-interval", "a duration such as 10s",
            "heartbeat-timeout", "a duration from 100ms to 5m, such as 2s",
            "connect-timeout", "a duration such as 30s",
            "request-timeout", "a duration such as 5s",
            "resolve-unknown", "true (an order whose answer was lost is looked up) or false",
            "resolve-within", "a duration from 1s to 10m, such as 30s",
            "if-not-placed", "report or resend",
            "budget", "local, or redis://HOST:PORT[/DB] to share the rate limits with every process on the account"
                    + " (rediss:// for TLS; a password as redis://:${env:NAME}@HOST)",
            "budget-fallback", "the fraction of every limit each process keeps to while Redis is unreachable, such as 0.25",
            "budget-timeout", "a duration from 10ms to 10s, such as 500ms: how long a process waits for Redis",
            "budget-lease", "the fraction of a limit a process takes ahead from Redis, 0 to 0.5, such as 0.02",
            "option.NAME", "an exchange-specific option, e.g. option.recv_window=5000");

    private final Path home;
    private final Function<String, String> env;
    private final Function<String, String> systemProperties;

    /**
     * @param home             the installation directory ({@code ${antrest.home}})
     * @param env              looks an environment variable up (null when unset)
     * @param systemProperties looks a system property up (null when unset)
     */
    public ConfigLoader(Path home, Function<String, String> env, Function<String, String> systemProperties) {
        this.home = requireNonNull(home, "home is null").toAbsolutePath().normalize();
        this.env = requireNonNull(env, "env is null");
        this.systemProperties = requireNonNull(systemProperties, "systemProperties is null");
    }

    /** The loader of the running process: {@code antrest.home} (else the working directory), its environment and system properties. */
    public static ConfigLoader standard() {
        String home = System.getProperty("antrest.home");
        return new ConfigLoader(Path.of(home != null ? home : "."), System::getenv, System::getProperty);
    }

    /** The installation directory. */
    public Path home() {
        return home;
    }

    /** {@code conf/antrest.properties} under the installation directory. */
    public Path defaultFile() {
        return home.resolve("conf").resolve("antrest.properties");
    }

    /** The embedded contract store: an H2 file database under {@code data/}. */
    public String defaultJdbcUrl() {
        return "jdbc:h2:file:" + home.resolve("data").resolve("contracts").toString().replace('\\', '/');
    }

    /**
     * Reads a settings file, of at most {@link SettingFiles#MAX_SETTINGS_BYTES}.
     *
     * @throws ConfigException when it is missing, unreadable, too large or wrong
     */
    public AppConfig load(Path file) {
        requireNonNull(file, "file is null");
        String text = SettingFiles.read(file, SettingFiles.MAX_SETTINGS_BYTES, "settings file",
                "antrest's settings (give it with --config, or copy conf/antrest.properties and edit it)");
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("settings file " + file + " cannot be read: " + e.getMessage()
                    + " (it must be a Java properties file in UTF-8)", e);
        }
        return load(p, file);
    }

    /**
     * Reads settings already loaded (for platforms that keep them elsewhere).
     *
     * @param source the file they came from, or null; named in messages and checked for permissions
     */
    public AppConfig load(Properties properties, Path source) {
        requireNonNull(properties, "properties is null");
        Reading in = new Reading(properties, source);
        List<String> warnings = new ArrayList<>();

        Map<String, Map<String, String>> byGateway = new TreeMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            Matcher m = GATEWAY_KEY.matcher(key);
            if (m.matches()) {
                String setting = m.group(2);
                if (!GATEWAY_KEYS.containsKey(setting) && !setting.startsWith("option.")) {
                    throw in.error(key, "is not a gateway setting; the settings of gateway." + m.group(1) + ".* are "
                            + String.join(", ", GATEWAY_KEYS.keySet()));
                }
                byGateway.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(setting, key);
            } else if (!GLOBAL_KEYS.containsKey(key)) {
                throw in.error(key, "is not a setting antrest knows; use one of " + String.join(", ", GLOBAL_KEYS.keySet())
                        + ", or gateway.NAME.SETTING");
            }
        }

        String jdbcUrl = in.value(JDBC_URL).orElse(defaultJdbcUrl());
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw in.error(JDBC_URL, "must be a JDBC URL such as " + defaultJdbcUrl() + " or jdbc:postgresql://host/db");
        }
        JdbcUrls.problem(jdbcUrl).ifPresent(problem -> {
            throw in.error(JDBC_URL, problem);
        });
        List<String> secretsInFile = new ArrayList<>();
        ContractStoreSettings contracts = contractStore(in, jdbcUrl, secretsInFile);
        ContractPolicy defaultPolicy = in.value("antrest.contracts.policy").map(v -> in.policy("antrest.contracts.policy", v))
                .orElse(AppConfig.DEFAULT_CONTRACT_POLICY);

        MonitorConfig.Builder monitor = MonitorConfig.builder();
        in.value("antrest.monitor.heartbeat-interval").ifPresent(v -> in.apply("antrest.monitor.heartbeat-interval",
                () -> monitor.heartBeatInterval(in.duration("antrest.monitor.heartbeat-interval", v))));
        in.value("antrest.monitor.heartbeat-timeout").ifPresent(v -> in.apply("antrest.monitor.heartbeat-timeout",
                () -> monitor.heartBeatTimeout(in.duration("antrest.monitor.heartbeat-timeout", v))));
        in.value("antrest.monitor.failures-to-down").ifPresent(v -> in.apply("antrest.monitor.failures-to-down",
                () -> monitor.failuresToDown(in.integer("antrest.monitor.failures-to-down", v))));
        in.value("antrest.monitor.error-window").ifPresent(v -> in.apply("antrest.monitor.error-window",
                () -> monitor.errorWindow(in.integer("antrest.monitor.error-window", v))));
        in.value("antrest.monitor.error-ratio").ifPresent(v -> in.apply("antrest.monitor.error-ratio",
                () -> monitor.errorRatioToDegrade(in.decimal("antrest.monitor.error-ratio", v))));

        Optional<HttpBind> http = Optional.of(HttpBind.DEFAULT);
        Optional<String> bind = in.value(MONITOR_HTTP);
        if (bind.isPresent()) {
            try {
                http = HttpBind.parse(bind.get());
            } catch (IllegalArgumentException e) {
                throw in.error(MONITOR_HTTP, e.getMessage());
            }
        }

        RestClientConfig.Builder client = RestClientConfig.builder();
        in.value("antrest.client.queue-capacity").ifPresent(v -> in.apply("antrest.client.queue-capacity",
                () -> client.queueCapacity(in.integer("antrest.client.queue-capacity", v))));
        in.value("antrest.client.droppable-soft-limit").ifPresent(v -> in.apply("antrest.client.droppable-soft-limit",
                () -> client.droppableSoftLimit(in.integer("antrest.client.droppable-soft-limit", v))));
        in.value("antrest.client.max-response-bytes").ifPresent(v -> in.apply("antrest.client.max-response-bytes",
                () -> client.maxResponseBytes(in.integer("antrest.client.max-response-bytes", v))));
        in.value("antrest.client.connect-timeout").ifPresent(v -> in.apply("antrest.client.connect-timeout",
                () -> client.connectTimeout(in.duration("antrest.client.connect-timeout", v))));
        in.value("antrest.client.retry-after-cap").ifPresent(v -> in.apply("antrest.client.retry-after-cap",
                () -> client.retryAfterCap(in.duration("antrest.client.retry-after-cap", v))));
        in.value("antrest.client.io-threads").ifPresent(v -> in.apply("antrest.client.io-threads",
                () -> client.ioThreads(in.integer("antrest.client.io-threads", v))));
        checkSoftLimit(in, client);

        List<GatewayConfig> gateways = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> g : byGateway.entrySet()) {
            GatewayReading gr = new GatewayReading(in, g.getKey(), g.getValue());
            if (!gr.bool("enabled", true)) {
                continue;
            }
            gateways.add(gr.build(defaultPolicy, secretsInFile, warnings));
        }

        if (source != null && !secretsInFile.isEmpty()) {
            othersMayRead(source).ifPresent(perms -> warnings.add("settings file " + source + " holds secrets ("
                    + String.join(", ", secretsInFile) + ") and other users may read it (" + perms + "): run 'chmod 600 "
                    + source + "', or take the secrets from environment variables with ${env:NAME}"));
        }
        warnings.forEach(w -> LOG.warn("{}", w));
        return new AppConfig(Optional.ofNullable(source), contracts, build(in, "antrest.client.*", client::build),
                build(in, "antrest.monitor.*", monitor::build), http, gateways, warnings);
    }

    /** The contract store's settings; a password written in the file itself is noted in {@code secretsInFile}. */
    private static ContractStoreSettings contractStore(Reading in, String jdbcUrl, List<String> secretsInFile) {
        Optional<String> user = in.value(DB_USER);
        Optional<String> password = in.value(DB_PASSWORD);
        if (password.isPresent() && in.literal(DB_PASSWORD)) {
            secretsInFile.add(DB_PASSWORD);
        }
        int poolSize = in.value(DB_POOL_SIZE).map(v -> in.integer(DB_POOL_SIZE, v))
                .orElse(ContractStoreSettings.DEFAULT_POOL_SIZE);
        Duration connectTimeout = in.value(DB_CONNECT_TIMEOUT).map(v -> in.duration(DB_CONNECT_TIMEOUT, v))
                .orElse(ContractStoreSettings.DEFAULT_CONNECT_TIMEOUT);
        return new ContractStoreSettings(jdbcUrl, user, password, poolSize, connectTimeout);
    }

    /**
     * The droppable soft limit may not exceed the queue capacity. Left unset, it follows a smaller
     * capacity (its default, 10 000, would exceed a capacity of 100); set, it is checked against it.
     */
    private static void checkSoftLimit(Reading in, RestClientConfig.Builder client) {
        String capacityKey = "antrest.client.queue-capacity";
        String softKey = "antrest.client.droppable-soft-limit";
        RestClientConfig defaults = RestClientConfig.defaults();
        int capacity = in.value(capacityKey).map(v -> in.integer(capacityKey, v)).orElse(defaults.queueCapacity());
        Optional<Integer> soft = in.value(softKey).map(v -> in.integer(softKey, v));
        if (soft.isEmpty()) {
            in.apply(capacityKey, () -> client.droppableSoftLimit(Math.min(capacity, defaults.droppableSoftLimit())));
        } else if (soft.get() > capacity) {
            throw in.error(softKey, "is " + soft.get() + ", more than " + capacityKey + " (" + capacity + "): a droppable"
                    + " request is dropped when that many wait, so lower " + softKey + " or raise " + capacityKey);
        }
    }

    /**
     * Checks the gateways against the exchange plugins found, without connecting anything: each
     * gateway names an exchange that has a plugin, and that plugin accepts the gateway's settings
     * (its options, its key type, its key). A mistake here would otherwise surface only as a
     * gateway that never comes up.
     *
     * @throws ConfigException naming the setting, the value and the fix
     */
    public static void checkPlugins(AppConfig config, ProviderRegistry registry) {
        requireNonNull(config, "config is null");
        requireNonNull(registry, "registry is null");
        String where = config.source().map(f -> "settings file " + f).orElse("settings");
        for (GatewayConfig g : config.gateways()) {
            ProviderInfo plugin;
            try {
                plugin = registry.provider(g.exchange());
            } catch (ProviderLookupException e) {
                throw new ConfigException(where + ": gateway." + g.name() + ".exchange is '" + g.exchange() + "': "
                        + e.getMessage(), e);
            }
            try {
                plugin.create(g.settings().exchange());
            } catch (GatewaySettingsException e) {
                throw new ConfigException(where + ": the settings of gateway '" + g.name() + "' (gateway." + g.name()
                        + ".*) do not suit the " + plugin.name() + " plugin: " + Redactor.text(e.getMessage(), secretsOf(g)), e);
            }
        }
    }

    /** The secret values of a gateway's settings, to be masked in any message about it. */
    private static List<String> secretsOf(GatewayConfig g) {
        List<String> secrets = new ArrayList<>();
        g.settings().exchange().credentials().ifPresent(c -> {
            secrets.add(c.apiKey());
            secrets.add(c.secret());
            c.passphrase().ifPresent(secrets::add);
        });
        g.settings().proxy().map(p -> p.password()).ifPresent(secrets::add);
        return secrets;
    }

    /** The key type a user writes, {@code hmac}, {@code ed25519} or {@code rsa} (any case); empty for anything else. */
    public static Optional<KeyType> keyType(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "hmac" -> Optional.of(KeyType.HMAC);
            case "ed25519" -> Optional.of(KeyType.ED25519);
            case "rsa" -> Optional.of(KeyType.RSA);
            default -> Optional.empty();
        };
    }

    private static <T> T build(Reading in, String what, Supplier<T> builder) {
        try {
            return builder.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw in.error(what, "is wrong: " + e.getMessage());
        }
    }

    /** The permissions that let others read the file, when the file system knows POSIX permissions. */
    public static Optional<String> othersMayRead(Path file) {
        try {
            if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
                return Optional.empty();
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                return Optional.of(PosixFilePermissions.toString(perms));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot read the permissions of {}: {}", file, e.toString());
        }
        return Optional.empty();
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The raw properties, with references resolved and errors that name the file. */
    private final class Reading {
        private final Properties properties;
        private final Path source;
        /** The settings whose value came (at least in part) from the environment: key to resolved value. */
        private final Map<String, String> fromEnvironment = new HashMap<>();
        /** Every value read from the environment: masked in every message. */
        private final Set<String> envValues = new HashSet<>();

        Reading(Properties properties, Path source) {
            this.properties = properties;
            this.source = source;
        }

        String where() {
            return source != null ? "settings file " + source : "settings";
        }

        ConfigException error(String key, String problem) {
            return new ConfigException(safe(key, where() + ": " + key + " " + problem));
        }

        /**
         * A message about {@code key} with no value from the environment in it: the key's own value,
         * if it came from there, becomes "the value of ${env:NAME}" (quoted or not, however short);
         * any other value from the environment is masked; URLs are redacted.
         */
        String safe(String key, String message) {
            String m = message;
            String v = fromEnvironment.get(key);
            if (v != null && !v.isEmpty()) {
                String said = "the value of " + Redactor.url(properties.getProperty(key).trim());
                m = m.replace("'" + v + "'", said).replace("\"" + v + "\"", said);
                m = Pattern.compile("(?<![\\w.\\-])" + Pattern.quote(v) + "(?![\\w\\-])").matcher(m)
                        .replaceAll(Matcher.quoteReplacement(said));
            }
            return Redactor.text(m, envValues);
        }

        /** "is 100000", or for a value that refers to a variable, "is what ${env:X} holds" (never the value itself). */
        String shown(String key, String value) {
            String raw = properties.getProperty(key, "");
            return REFERENCE.matcher(raw).find() ? "is what " + raw.trim() + " holds" : "is " + value;
        }

        /** Whether the raw value holds anything not taken from the environment. */
        boolean literal(String key) {
            String raw = properties.getProperty(key);
            return raw != null && !REFERENCE.matcher(raw.trim()).replaceAll("").isBlank();
        }

        Optional<String> value(String key) {
            String raw = properties.getProperty(key);
            if (raw == null || raw.isBlank()) {
                return Optional.empty();
            }
            Matcher m = REFERENCE.matcher(raw.trim());
            StringBuilder out = new StringBuilder();
            boolean anyFromEnv = false;
            while (m.find()) {
                boolean fromEnv = m.group(1) != null;
                String name = m.group(2);
                String v = fromEnv ? env.apply(name) : name.equals("antrest.home") ? home.toString() : systemProperties.apply(name);
                if (v == null) {
                    throw error(key, fromEnv
                            ? "refers to the environment variable " + name + ", which is not set: export " + name
                              + " before starting antrest, or write the value in the file (then chmod 600 it)"
                            : "refers to the system property " + name + ", which is not set: pass -D" + name
                              + "=... in ANTREST_OPTS, or write the value in the file");
                }
                if (fromEnv) {
                    anyFromEnv = true;
                    envValues.add(v);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(v));
            }
            m.appendTail(out);
            String v = out.toString().trim();
            if (anyFromEnv) {
                fromEnvironment.put(key, v);
            }
            return v.isEmpty() ? Optional.empty() : Optional.of(v);
        }

        /** A whole number within the setting's bound ({@link SettingBounds}). */
        int integer(String key, String v) {
            CountBound bound = SettingBounds.count(key);
            long n;
            try {
                n = Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw error(key, "is '" + v + "', not a whole number" + (v.trim().matches("-?\\d+") ? " antrest can"
                        + " hold" : "") + "; write a whole number from " + bound.range());
            }
            if (!bound.contains(n)) {
                throw error(key, shown(key, Long.toString(n)) + ", outside " + bound.range() + ": it is " + bound.meaning()
                        + "; write a whole number from " + bound.range());
            }
            return (int) n;
        }

        double decimal(String key, String v) {
            try {
                return Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw error(key, "is '" + v + "', not a number; write " + describe(key));
            }
        }

        /** A duration within the setting's bound ({@link SettingBounds}). */
        Duration duration(String key, String v) {
            DurationBound bound = SettingBounds.duration(key);
            Duration d;
            try {
                d = Durations.parse(v);
            } catch (IllegalArgumentException e) {
                throw error(key, "is wrong: " + e.getMessage() + ", from " + bound.range());
            }
            if (!bound.contains(d)) {
                throw error(key, shown(key, "'" + v.trim() + "'") + ", outside " + bound.range() + ": it is " + bound.meaning()
                        + "; write a duration from " + bound.range() + ", such as 10s");
            }
            return d;
        }

        ContractPolicy policy(String key, String v) {
            return switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "strict" -> ContractPolicy.STRICT;
                case "sync" -> ContractPolicy.SYNC;
                default -> throw error(key, "is '" + v + "'; write strict (a mismatch keeps the gateway down) or sync"
                        + " (the store follows the exchange)");
            };
        }

        /** Runs a builder call, turning its complaint into an error naming the setting. */
        void apply(String key, Runnable call) {
            try {
                call.run();
            } catch (ConfigException e) {
                throw e;
            } catch (RuntimeException e) {
                throw error(key, "is wrong: " + e.getMessage());
            }
        }

        private String describe(String key) {
            String d = GLOBAL_KEYS.get(key);
            if (d == null) {
                Matcher m = GATEWAY_KEY.matcher(key);
                d = m.matches() ? GATEWAY_KEYS.get(m.group(2)) : null;
            }
            return d != null ? d : "a valid value";
        }
    }

    /** The settings of one gateway. */
    private final class GatewayReading {
        private final Reading in;
        private final String name;
        private final Map<String, String> keys;

        GatewayReading(Reading in, String name, Map<String, String> keys) {
            this.in = in;
            this.name = name;
            this.keys = keys;
        }

        String key(String setting) {
            return "gateway." + name + "." + setting;
        }

        Optional<String> value(String setting) {
            return in.value(key(setting));
        }

        boolean bool(String setting, boolean otherwise) {
            return value(setting).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw in.error(key(setting), "is '" + v + "'; write true or false");
            }).orElse(otherwise);
        }

        GatewayConfig build(ContractPolicy defaultPolicy, List<String> secretsInFile, List<String> warnings) {
            String exchange = value("exchange").orElseThrow(() -> in.error(key("exchange"),
                    "is missing: name the exchange plugin of gateway '" + name + "' (see: antrest exchanges), e.g. "
                            + key("exchange") + "=binance"));
            ExchangeSettings.Builder ex = ExchangeSettings.builder();
            String url = value("url").orElse("live");
            in.apply(key("url"), () -> {
                switch (url.toLowerCase(Locale.ROOT)) {
                    case "live" -> ex.live();
                    case "testnet" -> ex.testnet();
                    default -> ex.url(url);
                }
            });
            for (String setting : keys.keySet()) {
                if (setting.startsWith("option.")) {
                    String option = setting.substring("option.".length());
                    value(setting).ifPresent(v -> ex.option(option, v));
                }
            }
            credentials(secretsInFile, warnings).ifPresent(ex::credentials);

            GatewaySettings.Builder gs = GatewaySettings.builder().name(name);
            value("sessions").ifPresent(v -> in.apply(key("sessions"), () -> gs.sessions(in.integer(key("sessions"), v))));
            value("contract-policy").ifPresent(v -> gs.contractPolicy(in.policy(key("contract-policy"), v)));
            if (value("contract-policy").isEmpty()) {
                gs.contractPolicy(defaultPolicy);
            }
            value("heartbeat-interval").ifPresent(v -> in.apply(key("heartbeat-interval"),
                    () -> gs.heartBeatInterval(in.duration(key("heartbeat-interval"), v))));
            value("heartbeat-timeout").ifPresent(v -> in.apply(key("heartbeat-timeout"),
                    () -> gs.heartBeatTimeout(in.duration(key("heartbeat-timeout"), v))));
            value("connect-timeout").ifPresent(v -> in.apply(key("connect-timeout"),
                    () -> gs.connectTimeout(in.duration(key("connect-timeout"), v))));
            value("request-timeout").ifPresent(v -> in.apply(key("request-timeout"),
                    () -> gs.requestTimeout(in.duration(key("request-timeout"), v))));
            gs.resolveUnknown(bool("resolve-unknown", true));
            value("resolve-within").ifPresent(v -> in.apply(key("resolve-within"),
                    () -> gs.resolveWithin(in.duration(key("resolve-within"), v))));
            value("if-not-placed").ifPresent(v -> gs.ifNotPlaced(switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "report" -> IfNotPlaced.REPORT;
                case "resend" -> IfNotPlaced.RESEND;
                default -> throw in.error(key("if-not-placed"), "is '" + v + "'; write report (an order found certainly not"
                        + " placed fails with OrderNotPlacedException) or resend (it is sent again with the same client order id)");
            }));
            budget(gs, secretsInFile, warnings);
            value("proxy").ifPresent(given -> {
                String v = proxyHostPort(given);
                int colon = v.lastIndexOf(':');
                if (colon <= 0 || colon == v.length() - 1) {
                    throw in.error(key("proxy"), "is '" + given + "'; write host:port, e.g. proxy.example.com:3128");
                }
                int port = in.integer(key("proxy"), v.substring(colon + 1));
                Optional<String> user = value("proxy-user");
                Optional<String> password = value("proxy-password");
                if (password.isPresent() && in.literal(key("proxy-password"))) {
                    secretsInFile.add(key("proxy-password"));
                }
                in.apply(key("proxy"), () -> gs.proxy(v.substring(0, colon), port, user.orElse(null), password.orElse(null)));
            });
            in.apply(key("exchange"), () -> gs.exchange(ex.build()));
            return new GatewayConfig(name, exchange, gs.build());
        }

        /** {@code budget}, {@code budget-fallback} and {@code budget-timeout}. */
        private void budget(GatewaySettings.Builder gs, List<String> secretsInFile, List<String> warnings) {
            Optional<String> url = value("budget");
            if (url.isEmpty()) {
                for (String other : List.of("budget-fallback", "budget-timeout", "budget-lease")) {
                    if (value(other).isPresent()) {
                        warnings.add(key(other) + " is set but " + key("budget") + " is not: the rate limits are this"
                                + " process's alone, and it means nothing");
                    }
                }
                return;
            }
            BudgetSharing[] sharing = {BudgetSharing.LOCAL};
            in.apply(key("budget"), () -> sharing[0] = BudgetSharing.parse(url.get()));
            String raw = url.get();
            int at = raw.indexOf('@');
            if (at > 0 && raw.substring(0, at).contains(":") && sharing[0].password().isPresent()
                    && !raw.substring(0, at).contains("${")) {
                secretsInFile.add(key("budget"));
            }
            value("budget-fallback").ifPresent(v -> {
                double fraction = fraction("budget-fallback", v, "above 0 and at most 1, such as 0.25 (or 25%), at most"
                        + " 1 / the number of processes sharing the account");
                in.apply(key("budget-fallback"), () -> sharing[0] = sharing[0].withFallback(fraction));
            });
            value("budget-lease").ifPresent(v -> {
                double fraction = fraction("budget-lease", v, "from 0 to 0.5, such as 0.02 (or 2%)");
                in.apply(key("budget-lease"), () -> sharing[0] = sharing[0].withLease(fraction));
            });
            value("budget-timeout").ifPresent(v -> in.apply(key("budget-timeout"),
                    () -> sharing[0] = sharing[0].withTimeout(in.duration(key("budget-timeout"), v))));
            gs.budget(sharing[0]);
        }

        /** A fraction written as 0.25 or 25%. */
        private double fraction(String setting, String v, String expected) {
            String t = v.trim();
            try {
                return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100 : Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw in.error(key(setting), "is '" + t + "', not a fraction: write one " + expected);
            }
        }

        /**
         * The proxy's {@code host:port}, also when written as {@code http://host:port/}. A proxy
         * with {@code user:password@} is refused, its password unprinted: they have their own
         * settings, where the password can come from the environment.
         */
        private String proxyHostPort(String given) {
            String v = given.trim();
            if (v.contains("@")) {
                throw in.error(key("proxy"), "holds a user name and password ('user:password@' before the host), which"
                        + " is not printed here: write only host:port in " + key("proxy") + ", e.g."
                        + " proxy.example.com:3128, and give them as " + key("proxy-user") + " and "
                        + key("proxy-password") + " (best as ${env:NAME})");
            }
            if (v.regionMatches(true, 0, "http://", 0, "http://".length())) {
                v = v.substring("http://".length());
                v = v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
            } else if (v.contains("://")) {
                throw in.error(key("proxy"), "is '" + given + "'; antrest talks to HTTP proxies only: write host:port,"
                        + " e.g. proxy.example.com:3128");
            }
            return v;
        }

        private Optional<Credentials> credentials(List<String> secretsInFile, List<String> warnings) {
            KeyType type = value("key-type").map(v -> keyType(v)
                    .orElseThrow(() -> in.error(key("key-type"), "is '" + v + "'; write hmac, ed25519 or rsa")))
                    .orElse(KeyType.HMAC);
            Optional<String> apiKey = value("api-key");
            Optional<String> secret = value("secret");
            Optional<String> secretFile = value("secret-file");
            if (secret.isPresent() && secretFile.isPresent()) {
                throw in.error(key("secret"), "and " + key("secret-file") + " are both set: keep one");
            }
            if (secretFile.isPresent()) {
                Path file = in.source != null ? in.source.toAbsolutePath().getParent().resolve(secretFile.get())
                        : Path.of(secretFile.get());
                try {
                    secret = Optional.of(SettingFiles.read(file, SettingFiles.MAX_SECRET_BYTES, key("secret-file"),
                            "the secret or PEM private key").trim());
                } catch (ConfigException e) {
                    throw new ConfigException(in.where() + ": " + e.getMessage(), e);
                }
                othersMayRead(file).ifPresent(perms -> warnings.add("secret file " + file + " (" + key("secret-file")
                        + ") may be read by other users (" + perms + "): run 'chmod 600 " + file + "'"));
            }
            Optional<String> passphrase = value("passphrase");
            if (apiKey.isEmpty() && secret.isEmpty()) {
                if (passphrase.isPresent()) {
                    throw in.error(key("passphrase"), "is set but " + key("api-key") + " and " + key("secret")
                            + " are not: a passphrase belongs to an API key; set the key and secret too, or remove it");
                }
                return Optional.empty();
            }
            if (apiKey.isEmpty() || secret.isEmpty()) {
                throw in.error(apiKey.isEmpty() ? key("api-key") : key("secret"), "is missing: gateway '" + name
                        + "' has only half of its credentials; set both " + key("api-key") + " and " + key("secret")
                        + " (or " + key("secret-file") + "), or neither for public data only");
            }
            for (String s : List.of("api-key", "secret", "passphrase")) {
                if (in.literal(key(s))) {
                    secretsInFile.add(key(s));
                }
            }
            String k = apiKey.get();
            String s = secret.get();
            try {
                return Optional.of(new Credentials(k, s, type, passphrase));
            } catch (RuntimeException e) {
                String which = passphrase.isPresent() && passphrase.get().isBlank() ? key("passphrase")
                        : key("api-key") + " or " + key("secret");
                throw in.error(which, "is wrong: " + e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "ConfigLoader{home=" + home + "}";
    }
}
