package io.antrest.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * One REST call to an exchange, immutable: method, path relative to the client's base URL,
 * ordered query parameters, an optional body, headers, a time-out, how many attempts it may
 * take, whether it is idempotent (safe to send twice) and droppable (market data that may be
 * refused while its gateway is not up), its rate-limit weight, and an {@code extra} tag the
 * caller gets back in its callbacks.
 *
 * <p>Build one with {@link #get(String)}, {@link #post(String)}, … or {@link #builder(Method, String)};
 * change one with {@link #toBuilder()}. {@link #toString()} never prints a secret: values of
 * headers and parameters named by {@link Redactor} (and by the signer) come out as {@code ****}.
 */
public final class Request {
    /** The time-out a request gets when none is set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** How many attempts a request may take when none is set: the first and two retries. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    private final Method method;
    private final String path;
    private final List<Param> params;
    private final Body body;
    private final List<Param> headers;
    private final Duration timeout;
    private final int maxAttempts;
    private final boolean idempotent;
    private final boolean droppable;
    private final int weight;
    private final Object extra;
    private final Set<String> secretNames;
    // Computed on first use and kept: the signer and the transport both need it. A benign race:
    // every thread computes the same immutable String.
    private String queryString;

    private Request(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.params = List.copyOf(b.params);
        this.body = b.body;
        this.headers = List.copyOf(b.headers);
        this.timeout = b.timeout;
        this.maxAttempts = b.maxAttempts;
        this.idempotent = b.idempotent != null ? b.idempotent : b.method.idempotentByDefault();
        this.droppable = b.droppable;
        this.weight = b.weight;
        this.extra = b.extra;
        this.secretNames = Set.copyOf(b.secretNames);
    }

    /** A builder for a GET of {@code path}. */
    public static Builder get(String path) {
        return builder(Method.GET, path);
    }

    /** A builder for a POST to {@code path}. */
    public static Builder post(String path) {
        return builder(Method.POST, path);
    }

    /** A builder for a PUT to {@code path}. */
    public static Builder put(String path) {
        return builder(Method.PUT, path);
    }

    /** A builder for a DELETE of {@code path}. */
    public static Builder delete(String path) {
        return builder(Method.DELETE, path);
    }

    /** A builder for {@code method} on {@code path}. */
    public static Builder builder(Method method, String path) {
        return new Builder(method, path);
    }

    /** A builder that starts from this request. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The HTTP method. */
    public Method method() {
        return method;
    }

    /** The path, relative to the client's base URL, starting with {@code /}. */
    public String path() {
        return path;
    }

    /** The query parameters, in the order they are sent. */
    public List<Param> params() {
        return params;
    }

    /** The first value of query parameter {@code name}. */
    public Optional<String> param(String name) {
        return first(params, name, false);
    }

    /** The query string as sent, URL-encoded, without the leading {@code ?}; empty when none. */
    public String queryString() {
        String q = queryString;
        if (q == null) {
            q = UrlEncoding.encode(params);
            queryString = q;
        }
        return q;
    }

    /** The path with its query string, as an exchange signs it: {@code /api/v3/order?symbol=X}. */
    public String pathWithQuery() {
        return params.isEmpty() ? path : path + "?" + queryString();
    }

    /** The body, if any. */
    public Optional<Body> body() {
        return Optional.ofNullable(body);
    }

    /** The body's text, or an empty string when there is none. */
    public String bodyText() {
        return body == null ? "" : body.text();
    }

    /** The headers, in the order they are sent. */
    public List<Param> headers() {
        return headers;
    }

    /** The first value of header {@code name}, compared without regard to case. */
    public Optional<String> header(String name) {
        return first(headers, name, true);
    }

    /**
     * How long one attempt may take as a whole: connecting, sending, waiting and reading every
     * byte of the answer together (not per read: an answer dripped a byte at a time ends here
     * too). When it runs out the attempt's connection is closed and the attempt fails with a time-out.
     */
    public Duration timeout() {
        return timeout;
    }

    /** How many attempts this request may take in all (1 means never retried). */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether this request may be sent twice without harm. */
    public boolean idempotent() {
        return idempotent;
    }

    /** Whether this request may be dropped, with status DROPPED, while its gateway is not up. */
    public boolean droppable() {
        return droppable;
    }

    /** The rate-limit weight this request costs. */
    public int weight() {
        return weight;
    }

    /** The caller's tag, given back in callbacks; may be null. */
    public Object extra() {
        return extra;
    }

    /** The names of this request's secret headers and parameters, besides the defaults. */
    public Set<String> secretNames() {
        return secretNames;
    }

    /** The redactor that prints this request. */
    public Redactor redactor() {
        return Redactor.of(secretNames);
    }

    /** Prints method, path, parameters, headers and body shape, with secrets as {@code ****}. */
    @Override
    public String toString() {
        Redactor r = redactor();
        StringBuilder sb = new StringBuilder(64).append(method).append(' ').append(path);
        if (!params.isEmpty()) {
            sb.append(" params=").append(r.params(params));
        }
        if (!headers.isEmpty()) {
            sb.append(" headers=").append(r.params(headers));
        }
        if (body != null) {
            if (body instanceof Body.Form f) {
                sb.append(" body=form").append(r.params(f.fields()));
            } else {
                sb.append(" body=").append(body);
            }
        }
        return sb.toString();
    }

    private static Optional<String> first(List<Param> list, String name, boolean ignoreCase) {
        for (Param p : list) {
            if (ignoreCase ? p.name().equalsIgnoreCase(name) : p.name().equals(name)) {
                return Optional.of(p.value());
            }
        }
        return Optional.empty();
    }

    /** Builds a {@link Request}; every setter checks its argument at once. */
    public static final class Builder {
        private Method method;
        private String path;
        private final List<Param> params;
        private Body body;
        private final List<Param> headers;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Boolean idempotent;
        private boolean droppable;
        private int weight = 1;
        private Object extra;
        private final Set<String> secretNames = new TreeSet<>();

        private Builder(Method method, String path) {
            method(method);
            path(path);
            this.params = new ArrayList<>();
            this.headers = new ArrayList<>();
        }

        private Builder(Request r) {
            this.method = r.method;
            this.path = r.path;
            this.params = new ArrayList<>(r.params.size() + 4);
            this.params.addAll(r.params);
            this.body = r.body;
            this.headers = new ArrayList<>(r.headers.size() + 4);
            this.headers.addAll(r.headers);
            this.timeout = r.timeout;
            this.maxAttempts = r.maxAttempts;
            this.idempotent = r.idempotent;
            this.droppable = r.droppable;
            this.weight = r.weight;
            this.extra = r.extra;
            this.secretNames.addAll(r.secretNames);
        }

        /** Sets the method. */
        public Builder method(Method method) {
            this.method = requireNonNull(method, "method is null");
            return this;
        }

        /** Sets the path; it must start with {@code /} and carry no query string (use {@link #param}). */
        public Builder path(String path) {
            requireNonNull(path, "path is null");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': \"" + path + "\"");
            }
            if (path.indexOf('?') >= 0) {
                throw new IllegalArgumentException(
                        "path must not hold a query string; add parameters with param(name, value): \"" + path + "\"");
            }
            this.path = path;
            return this;
        }

        /** Appends a query parameter. */
        public Builder param(String name, String value) {
            params.add(new Param(name, value));
            return this;
        }

        /** Appends a query parameter, written with {@link String#valueOf(Object)}; BigDecimals in plain notation. */
        public Builder param(String name, Object value) {
            requireNonNull(value, () -> "value of parameter " + name + " is null");
            String text = value instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(value);
            return param(name, text);
        }

        /** Appends query parameters in order. */
        public Builder params(Collection<Param> more) {
            params.addAll(more);
            return this;
        }

        /** Removes every query parameter called {@code name}. */
        public Builder removeParam(String name) {
            params.removeIf(p -> p.name().equals(name));
            return this;
        }

        /** Sets the body (null for none). */
        public Builder body(Body body) {
            this.body = body;
            return this;
        }

        /** Sets a JSON body. */
        public Builder jsonBody(String json) {
            return body(Body.json(json));
        }

        /** Sets a form body. */
        public Builder formBody(List<Param> fields) {
            return body(Body.form(fields));
        }

        /** Appends a header. */
        public Builder header(String name, String value) {
            headers.add(new Param(name, value));
            return this;
        }

        /** Removes every header called {@code name}, compared without regard to case. */
        public Builder removeHeader(String name) {
            headers.removeIf(p -> p.name().equalsIgnoreCase(name));
            return this;
        }

        /** Sets the time-out of one attempt; it must be positive. */
        public Builder timeout(Duration timeout) {
            requireNonNull(timeout, "timeout is null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Sets how many attempts the request may take in all, at least 1. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Says whether the request may be sent twice; the default follows the method. */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /** Says whether the request may be dropped while its gateway is not up (default false). */
        public Builder droppable(boolean droppable) {
            this.droppable = droppable;
            return this;
        }

        /** Sets the rate-limit weight, at least 0. */
        public Builder weight(int weight) {
            if (weight < 0) {
                throw new IllegalArgumentException("weight must not be negative, was " + weight);
            }
            this.weight = weight;
            return this;
        }

        /** Sets the caller's tag. */
        public Builder extra(Object extra) {
            this.extra = extra;
            return this;
        }

        /** Names headers or parameters whose values must never be printed. */
        public Builder secretNames(Collection<String> names) {
            for (String n : names) {
                secretNames.add(n.toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /**
         * The query string the request would send as the builder stands, URL-encoded, without the
         * leading {@code ?}: a signer signs it and adds the signature before building, one copy.
         */
        public String queryString() {
            return UrlEncoding.encode(params);
        }

        /** The path with the query string as the builder stands, as an exchange signs it. */
        public String pathWithQuery() {
            return params.isEmpty() ? path : path + "?" + queryString();
        }

        /** The method as the builder stands. */
        public Method method() {
            return method;
        }

        /** The body's text as the builder stands, or an empty string when there is none. */
        public String bodyText() {
            return body == null ? "" : body.text();
        }

        /** Builds the request. */
        public Request build() {
            return new Request(this);
        }
    }
}
