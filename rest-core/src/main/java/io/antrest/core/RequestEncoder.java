package io.antrest.core;

import java.nio.ByteBuffer;

/**
 * Writes a signed request as HTTP/1.1 bytes, into a buffer reused from one request to the next
 * (one per connection). A header or target with a character HTTP cannot carry (CR, LF, another
 * control character, or one beyond ISO-8859-1) is refused with a message that names the header,
 * never its value: nothing is sent that a server could read as two requests.
 */
final class RequestEncoder {
    private byte[] bytes = new byte[1024];
    private int length;

    /** {@code signed} as it goes on the wire to {@code t}, in a buffer valid until the next call. */
    ByteBuffer encode(Request signed, BaseUrl t, String userAgent) {
        length = 0;
        append(signed.method().name());
        append(' ');
        target(t.target(signed));
        append(" HTTP/1.1\r\nHost: ");
        append(t.hostHeader());
        append("\r\n");
        boolean hasUserAgent = false;
        boolean hasContentType = false;
        for (Param h : signed.headers()) {
            header(h.name(), h.value());
            hasUserAgent |= h.name().equalsIgnoreCase("User-Agent");
            hasContentType |= h.name().equalsIgnoreCase("Content-Type");
        }
        if (!hasUserAgent) {
            header("User-Agent", userAgent);
        }
        byte[] body = null;
        Body b = signed.body().orElse(null);
        if (b != null) {
            body = b.bytes();
            if (!hasContentType) {
                header("Content-Type", b.contentType());
            }
            header("Content-Length", Integer.toString(body.length));
        } else if (signed.method() == Method.POST || signed.method() == Method.PUT) {
            header("Content-Length", "0");
        }
        append("\r\n");
        if (body != null) {
            ensure(body.length);
            System.arraycopy(body, 0, bytes, length, body.length);
            length += body.length;
        }
        return ByteBuffer.wrap(bytes, 0, length);
    }

    private void header(String name, String value) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a header has an empty name; give every header a name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ':') {
                throw new IllegalArgumentException("the header name \"" + Printable.of(name, 100) + "\" has a character"
                        + " a header name cannot have (a space, a colon or a control character)");
            }
        }
        append(name);
        append(": ");
        ensure(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("the value of header " + Printable.of(name, 100) + " has a character"
                        + " HTTP cannot carry (CR, LF, another control character or one beyond ISO-8859-1); encode it first");
            }
            bytes[length++] = (byte) c;
        }
        append("\r\n");
    }

    private void target(String target) {
        ensure(target.length());
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException("the request path or query has a character a URL cannot carry unencoded"
                        + " (a space, a control character or one beyond ASCII); percent-encode it");
            }
            bytes[length++] = (byte) c;
        }
    }

    private void append(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
    }

    private void append(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            byte[] bigger = new byte[Math.max(bytes.length * 2, length + more)];
            System.arraycopy(bytes, 0, bigger, 0, length);
            bytes = bigger;
        }
    }
}
