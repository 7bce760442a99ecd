package io.antrest.monitor.micrometer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request's path into the {@code endpoint} tag of one gateway: the path without its query
 * (where Binance puts its signature), fragment or matrix part, every segment that looks like an id,
 * a key or a signature replaced by {@code {id}}, at most {@value #MAX_LENGTH} characters; and at
 * most {@value #MAX_ENDPOINTS} distinct endpoints per gateway, the rest counted as {@code other}, so a
 * caller who puts ids in paths cannot flood the registry. Thread-safe.
 */
final class EndpointTags {
    /** Distinct endpoint tags per gateway; more are counted as {@link #OTHER}. */
    static final int MAX_ENDPOINTS = 100;
    /** The longest endpoint tag. */
    static final int MAX_LENGTH = 120;
    /** The tag of paths beyond {@link #MAX_ENDPOINTS}. */
    static final String OTHER = "other";
    /** What stands for a segment that looks like an id. */
    static final String ID = "{id}";

    private static final Logger LOG = LoggerFactory.getLogger(EndpointTags.class);
    private static final int CACHE_LIMIT = 4 * MAX_ENDPOINTS;

    private final String gateway;
    private final ConcurrentMap<String, String> byPath = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> distinct = new ConcurrentHashMap<>();
    private final AtomicBoolean warned = new AtomicBoolean();

    EndpointTags(String gateway) {
        this.gateway = gateway;
    }

    /** The endpoint tag of this path. */
    String of(String path) {
        String tag = byPath.get(path);
        if (tag != null) {
            return tag;
        }
        tag = admit(template(path));
        if (byPath.size() < CACHE_LIMIT) {
            byPath.putIfAbsent(path, tag);
        }
        return tag;
    }

    private String admit(String template) {
        if (distinct.containsKey(template)) {
            return template;
        }
        synchronized (distinct) {
            if (distinct.size() < MAX_ENDPOINTS) {
                distinct.putIfAbsent(template, Boolean.TRUE);
                return template;
            }
        }
        if (warned.compareAndSet(false, true)) {
            LOG.warn("gateway '{}' has sent to more than {} distinct endpoints; the others are counted as endpoint={}"
                    + " (do paths carry ids? put them in parameters)", gateway, MAX_ENDPOINTS, OTHER);
        }
        return OTHER;
    }

    /** The path without query, fragment or matrix part, with id-like segments as {@value #ID}. */
    static String template(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#' || c == ';') {
                end = i;
                break;
            }
        }
        StringBuilder out = new StringBuilder(end + 4);
        int start = 0;
        while (start <= end) {
            int slash = path.indexOf('/', start);
            int segEnd = slash < 0 || slash > end ? end : slash;
            String segment = path.substring(start, segEnd);
            out.append(idLike(segment) ? ID : segment);
            if (segEnd == end) {
                break;
            }
            out.append('/');
            start = segEnd + 1;
        }
        String t = out.length() == 0 ? "/" : out.toString();
        return t.length() > MAX_LENGTH ? t.substring(0, MAX_LENGTH) : t;
    }

    /**
     * Whether a path segment looks like an id, a key or a signature: all digits, anything beyond
     * letters, digits, '-', '_' and '.', long with digits in it (hex, UUIDs, Base64, API keys), or
     * longer than 32 characters.
     */
    static boolean idLike(String segment) {
        if (segment.isEmpty() || ID.equals(segment)) {
            return false;
        }
        int digits = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_' || c == '.')) {
                return true;
            }
        }
        return digits == segment.length() || digits > 0 && segment.length() >= 16 || segment.length() > 32;
    }
}
