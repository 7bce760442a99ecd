package io.antrest.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antrest.app.config.ConfigException;
import io.antrest.app.config.ConfigLoader;
import io.antrest.app.config.SettingFiles;
import io.antrest.core.Json;
import io.antrest.core.Method;
import io.antrest.core.Param;
import io.antrest.core.Request;
import io.antrest.core.SigningContext;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.KeyType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code antrest sign}: prints a request signed by an exchange plugin's own signer, for given
 * inputs at a fixed time, as one JSON object: {@code {"method":…,"url":…,"headers":{…},"body":…}}.
 * What exchange users do when an exchange answers "signature not valid": compare with what their
 * code sends. The one place antrest prints a signature; the secret itself is never printed.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Prints a request signed by the exchange plugin's signer at a fixed time, as one JSON object:",
                "{\"method\":...,\"url\":...,\"headers\":{...},\"body\":...}. For debugging \"signature not valid\".",
                "Give the secret with --secret-env VAR or --secret-file FILE to keep it out of the shell history;",
                "an API key's passphrase (OKX) only that way: --passphrase-env VAR or --passphrase-file FILE.",
                "The passphrase is never printed (its header shows ****)."})
public final class SignCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXCHANGE", description = "the exchange plugin, e.g. binance, bitmex or okx")
    String exchange;

    @Option(names = "--api-key", required = true, paramLabel = "K", description = "the API key")
    String apiKey;

    @Option(names = "--secret", paramLabel = "S", description = "the secret (or PEM private key)")
    String secret;

    @Option(names = "--secret-env", paramLabel = "VAR", description = "the environment variable holding the secret")
    String secretEnv;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "a file holding the secret or PEM private key")
    Path secretFile;

    @Option(names = "--passphrase-env", paramLabel = "VAR", description = "the environment variable holding the API key's passphrase (OKX)")
    String passphraseEnv;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "a file holding the API key's passphrase (OKX)")
    Path passphraseFile;

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "hmac",
            description = "hmac, ed25519 or rsa (default: ${DEFAULT-VALUE})")
    String keyType;

    @Option(names = "--method", required = true, paramLabel = "M", description = "GET, POST, PUT or DELETE")
    String method;

    @Option(names = "--path", required = true, paramLabel = "P",
            description = "the path as the exchange documents it, e.g. /api/v3/order or /api/v1/instrument")
    String path;

    @Option(names = "--param", paramLabel = "k=v", description = "a query parameter, in order; repeatable")
    List<String> params = new ArrayList<>();

    @Option(names = "--body", paramLabel = "JSON", description = "a JSON body, signed exactly as given")
    String body;

    @Option(names = "--time-ms", required = true, paramLabel = "T",
            description = "the signing time in milliseconds since the epoch (UTC)")
    long timeMs;

    @Option(names = "--url", paramLabel = "BASE", description = "the base URL (default: the exchange's live URL)")
    String url;

    @Option(names = "--option", paramLabel = "k=v",
            description = "an exchange option, e.g. recv_window=5000 (binance), expires_window_seconds=5 (bitmex), simulated=true (okx)")
    Map<String, String> options = Map.of();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String theSecret;
        Optional<String> passphrase;
        try {
            theSecret = secret(err);
            passphrase = passphrase(err);
        } catch (IllegalArgumentException | ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        KeyType type = ConfigLoader.keyType(keyType).orElse(null);
        if (type == null) {
            err.println("--key-type is '" + keyType + "'; give hmac, ed25519 or rsa");
            return 2;
        }
        Method m;
        try {
            m = Method.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("--method is '" + method + "'; give GET, POST, PUT or DELETE");
            return 2;
        }

        ExchangeSettings.Builder settings = ExchangeSettings.builder()
                .credentials(new Credentials(apiKey, theSecret, type, passphrase));
        if (url != null) {
            try {
                settings.url(url);
            } catch (GatewaySettingsException e) {
                err.println("--url: " + e.getMessage());
                return 2;
            }
        }
        Exchange ex;
        try {
            options.forEach(settings::option);
            ex = ProviderRegistry.discover().provider(exchange).create(settings.build());
        } catch (GatewaySettingsException e) {
            err.println(e.getMessage());
            return 2;
        }

        Request.Builder request = Request.builder(m, relative(ex.baseUrl(), path));
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                err.println("--param '" + p + "' is not k=v");
                return 2;
            }
            request.param(p.substring(0, eq), p.substring(eq + 1));
        }
        if (body != null) {
            try {
                request.jsonBody(body);
            } catch (IllegalArgumentException e) {
                err.println("--body: " + e.getMessage());
                return 2;
            }
        }
        SigningContext context = new SigningContext(ex.baseUrl(), 1, Clock.fixed(Instant.ofEpochMilli(timeMs), ZoneOffset.UTC));
        Request signed = ex.signer().sign(request.build(), context);

        ObjectNode json = Json.mapper().createObjectNode();
        json.put("method", signed.method().name());
        json.put("url", ex.baseUrl() + signed.pathWithQuery());
        ObjectNode headers = json.putObject("headers");
        for (Param h : signed.headers()) {
            headers.put(h.name(), passphrase.isPresent() && h.value().equals(passphrase.get()) ? "****" : h.value());
        }
        if (signed.body().isPresent()) {
            json.put("body", signed.bodyText());
        } else {
            json.putNull("body");
        }
        out.println(Json.mapper().writeValueAsString(json));
        out.flush();
        return 0;
    }

    private String secret(PrintWriter err) {
        int given = (secret != null ? 1 : 0) + (secretEnv != null ? 1 : 0) + (secretFile != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give the secret exactly one way: --secret S, --secret-env VAR or --secret-file FILE");
        }
        if (secret != null) {
            return secret;
        }
        return fromEnvOrFile(secretEnv, "--secret-env", secretFile, "--secret-file", "the secret or PEM private key", err);
    }

    private Optional<String> passphrase(PrintWriter err) {
        if (passphraseEnv != null && passphraseFile != null) {
            throw new IllegalArgumentException("give the passphrase one way only: --passphrase-env VAR or --passphrase-file FILE");
        }
        if (passphraseEnv == null && passphraseFile == null) {
            return Optional.empty();
        }
        return Optional.of(fromEnvOrFile(passphraseEnv, "--passphrase-env", passphraseFile, "--passphrase-file",
                "the API key's passphrase", err));
    }

    /**
     * The value of the environment variable, else the file's content (at most
     * {@link SettingFiles#MAX_SECRET_BYTES}), with a warning on {@code err} when others may read the file.
     */
    private static String fromEnvOrFile(String variable, String envOption, Path file, String fileOption, String holding,
                                        PrintWriter err) {
        if (variable != null) {
            String v = System.getenv(variable);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("the environment variable " + variable + " (" + envOption + ") is not set");
            }
            return v;
        }
        String value = SettingFiles.read(file, SettingFiles.MAX_SECRET_BYTES, fileOption, holding).trim();
        ConfigLoader.othersMayRead(file).ifPresent(perms -> {
            err.println("warning: " + fileOption + " " + file + " may be read by other users (" + perms + "): run 'chmod 600 "
                    + file + "'");
            err.flush();
        });
        return value;
    }

    /** The path relative to the base URL's own path: {@code /api/v1/instrument} on {@code …/api/v1} is {@code /instrument}. */
    static String relative(String baseUrl, String path) {
        String basePath = URI.create(baseUrl).getPath();
        if (basePath != null && !basePath.isEmpty() && !basePath.equals("/") && path.startsWith(basePath + "/")) {
            return path.substring(basePath.length());
        }
        return path;
    }
}
