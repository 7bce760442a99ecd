package io.antrest.app.secrets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for secrets in captured output: the given values (API keys, secrets, every signature
 * recorded as sent), and the shapes a leak takes whatever its value: a {@code signature=} or a
 * secret header (Binance's, BitMEX's, OKX's key, signature and passphrase headers) with anything
 * but the mask after it, a 64-digit hex string (an HMAC-SHA256 signature as Binance and BitMEX
 * send it), and 43 Base64 characters and a {@code =} (one as OKX sends it in {@code OK-ACCESS-SIGN}). What it finds is described with the value masked.
 */
public final class SecretScan {
    private static final String MASK = "****";
    private static final Pattern HEX_SIGNATURE = Pattern.compile("(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])");
    private static final Pattern BASE64_SIGNATURE = Pattern.compile("(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])");
    private static final Pattern SIGNATURE_PARAM = Pattern.compile("(?i)signature=(?!\\*\\*\\*\\*)[^\\s&,;}\\]\"]");
    private static final Pattern SECRET_HEADER = Pattern.compile(
            "(?i)\\b(x-mbx-apikey|api-key|api-signature|ok-access-key|ok-access-sign|ok-access-passphrase)\\s*[:=]\\s*(?!\\*\\*\\*\\*)[^\\s,}\\]]");

    private SecretScan() {
    }

    /**
     * Every leak in {@code text}, described without the secret.
     *
     * @param text    what was captured
     * @param secrets the values that must not appear (values shorter than 8 characters are ignored:
     *                they would match ordinary text)
     */
    public static List<String> leaks(String text, Collection<String> secrets) {
        List<String> found = new ArrayList<>();
        int values = 0;
        for (String s : secrets) {
            if (s != null && s.length() >= 8 && text.contains(s)) {
                if (values++ < 5) {
                    found.add("a secret value (" + s.length() + " characters) in: " + around(text, text.indexOf(s), s.length()));
                }
            }
        }
        if (values > 5) {
            found.add("... " + (values - 5) + " more secret values");
        }
        shape(found, text, HEX_SIGNATURE, "a 64-digit hex string (an HMAC signature)");
        shape(found, text, BASE64_SIGNATURE, "a Base64 HMAC-SHA256 (43 characters and '=', an OKX signature)");
        shape(found, text, SIGNATURE_PARAM, "a signature parameter with its value");
        shape(found, text, SECRET_HEADER, "a key or signature header with its value");
        return found;
    }

    private static void shape(List<String> found, String text, Pattern pattern, String what) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            if (n++ < 3) {
                int end = m.end();
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
                    end++;
                }
                found.add(what + " in: " + around(text, m.start(), end - m.start()));
            }
        }
        if (n > 3) {
            found.add("... " + (n - 3) + " more of " + what);
        }
    }

    /** The line around a hit, the hit itself masked. */
    private static String around(String text, int at, int length) {
        int from = Math.max(text.lastIndexOf('\n', at) + 1, at - 120);
        int newline = text.indexOf('\n', at + length);
        int to = Math.min(newline < 0 ? text.length() : newline, at + length + 120);
        return "\"" + text.substring(from, at) + MASK + text.substring(at + length, to) + "\"";
    }
}
