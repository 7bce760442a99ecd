package io.antrest.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction of antrest: masks the values of secret headers and parameters as {@code ****}
 * wherever a request is printed, the credentials inside URLs and JDBC URLs wherever a URL is
 * printed ({@link #url}), and known secret values in any text ({@link #scrub}). Names compare
 * without regard to case. {@link #DEFAULT} knows the usual names (API keys, signatures,
 * authorization); a signer adds its own through {@link RequestSigner#secretNames()}.
 */
public final class Redactor {
    /** The mask printed in place of a secret value. */
    public static final String MASK = "****";

    /** The names every request redacts, whatever its signer says. */
    public static final Set<String> DEFAULT_SECRET_NAMES = Set.of(
            "signature", "x-mbx-apikey", "api-key", "api-signature", "apikey", "api_key", "key",
            "secret", "secretkey", "secret_key", "authorization", "proxy-authorization", "passphrase",
            "cookie", "set-cookie");

    /**
     * The user-info of a URL, {@code scheme://user:password@host}: the longest run after
     * {@code ://} (up to white space or a quote) that ends in an {@code @} followed by something
     * shaped like a host (then the end, or {@code / ? # ; , ( )}, white space or a quote). A
     * password holding {@code @ / ? #} unencoded is still masked whole; an {@code @} later in the
     * URL (a path, a query) makes more be masked, erring on the safe side.
     */
    private static final Pattern USER_INFO = Pattern.compile(
            "(://)([^\\s\"'<>]*)@(?=[^\\s\"'<>@/?#;,()]*(?:[\\s\"'<>/?#;,()]|$))");
    /**
     * A password property of a JDBC URL or a driver's message: {@code ;PASSWORD=x} (H2, SQL
     * Server), {@code ?password=x&} (PostgreSQL, MySQL), {@code pwd}, {@code passwd},
     * {@code sslpassword}, {@code trustStorePassword}, any case.
     */
    private static final Pattern PASSWORD_PROPERTY = Pattern.compile(
            "(?i)(?<![a-z0-9])((?:[a-z0-9_.\\-]*password|pwd|passwd)\\s*=\\s*)[^;&\\s\"'<>]+");
    /** Oracle's thin form, {@code jdbc:oracle:thin:user/password@host}. */
    private static final Pattern ORACLE_CREDENTIALS = Pattern.compile(
            "(?i)(jdbc:oracle:[a-z]+:[^/@\\s:]+/)([^@\\s]+)@");

    /** A redactor that knows only {@link #DEFAULT_SECRET_NAMES}. */
    public static final Redactor DEFAULT = new Redactor(Set.of());

    private final Set<String> names;

    private Redactor(Collection<String> extra) {
        TreeSet<String> all = new TreeSet<>(DEFAULT_SECRET_NAMES);
        for (String n : extra) {
            all.add(n.toLowerCase(Locale.ROOT));
        }
        this.names = Set.copyOf(all);
    }

    /** A redactor for the defaults plus the given names. */
    public static Redactor of(Collection<String> extraSecretNames) {
        return extraSecretNames.isEmpty() ? DEFAULT : new Redactor(extraSecretNames);
    }

    /** Whether a header or parameter of this name holds a secret. */
    public boolean isSecret(String name) {
        return names.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The names this redactor masks, in lower case. */
    public Set<String> names() {
        return names;
    }

    /** Prints {@code {a=1, signature=****}}. */
    public String params(List<Param> params) {
        List<String> parts = new ArrayList<>(params.size());
        for (Param p : params) {
            parts.add(p.name() + "=" + (isSecret(p.name()) ? MASK : p.value()));
        }
        return "{" + String.join(", ", parts) + "}";
    }

    /**
     * {@code text} with the credentials of every URL in it masked: the password of user-info
     * ({@code http://user:****@host}, {@code jdbc:mysql://user:****@host/db}; user-info without a
     * password, often a token, is masked whole), and the value of every password property
     * ({@code jdbc:h2:file:db;USER=sa;PASSWORD=****}, {@code jdbc:postgresql://h/db?password=****},
     * {@code pwd=****}). The text may be a bare URL or a message holding URLs (an exception's, a
     * driver's). Use it for every URL, JDBC URL or proxy that reaches a log line, an exception
     * message or a terminal.
     *
     * @return the masked text; null for null
     */
    public static String url(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (out.contains("://")) {
            Matcher m = USER_INFO.matcher(out);
            StringBuilder b = new StringBuilder(out.length());
            while (m.find()) {
                String userInfo = m.group(2);
                int colon = userInfo.indexOf(':');
                String masked = colon > 0 ? userInfo.substring(0, colon) + ":" + MASK : MASK;
                m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + masked + "@"));
            }
            m.appendTail(b);
            out = b.toString();
        }
        out = PASSWORD_PROPERTY.matcher(out).replaceAll("$1" + MASK);
        return ORACLE_CREDENTIALS.matcher(out).replaceAll("$1" + MASK + "@");
    }

    /**
     * {@code text} with the credentials of its URLs masked ({@link #url}) and every occurrence of
     * the given secret values masked ({@link #scrub}): for messages built from settings, where the
     * values read from the environment or marked secret are known.
     */
    public static String text(String text, Collection<String> secretValues) {
        return scrub(url(text), secretValues);
    }

    /**
     * Masks every occurrence of the given secret values in a text (an exception message, a body
     * echoed back by a server). Values shorter than 6 characters are left alone: masking them
     * would garble ordinary text without protecting anything.
     */
    public static String scrub(String text, Collection<String> secretValues) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String v : secretValues) {
            if (v != null && v.length() >= 6 && out.contains(v)) {
                out = out.replace(v, MASK);
            }
        }
        return out;
    }
}
