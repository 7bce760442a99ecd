package io.antrest.core;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Percent-encoding of ordered parameters, the one encoding both the wire and the signers use. */
public final class UrlEncoding {
    private UrlEncoding() {
    }

    /** Encodes {@code a=1&b=2} in the given order, names and values URL-encoded in UTF-8. */
    public static String encode(List<Param> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(params.size() * 24);
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                sb.append('&');
            }
            Param p = params.get(i);
            sb.append(encode(p.name())).append('=').append(encode(p.value()));
        }
        return sb.toString();
    }

    /** URL-encodes one component; plain alphanumerics and {@code -._~} come back unchanged. */
    public static String encode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (!plain) {
                return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
            }
        }
        return s;
    }
}
