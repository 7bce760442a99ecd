package io.antrest.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Masks the values of secret headers and parameters as {@code ****} wherever a request is
 * printed. Names compare without regard to case. {@link #DEFAULT} knows the usual names
 * (API keys, signatures, authorization); a signer adds its own through
 * {@link RequestSigner#secretNames()}.
 */
public final class Redactor {
    /** The mask printed in place of a secret value. */
    public static final String MASK = "****";

    /** The names every request redacts, whatever its signer says. */
    public static final Set<String> DEFAULT_SECRET_NAMES = Set.of(
            "signature", "x-mbx-apikey", "api-key", "api-signature", "apikey", "api_key", "key",
            "secret", "secretkey", "secret_key", "authorization", "proxy-authorization", "passphrase",
            "cookie", "set-cookie");

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
