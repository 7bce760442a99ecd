package io.antrest.core;

import org.apache.hc.core5.http.HttpEntity;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads an answer's body into one array, never more than the configured cap. */
final class BodyReader {
    private static final byte[] EMPTY = new byte[0];

    private BodyReader() {
    }

    /**
     * The whole body, in one exactly sized array when the length is declared.
     *
     * @throws ResponseTooLargeException when the body is over {@code max} bytes (nothing more is read)
     */
    static byte[] read(HttpEntity entity, Request request, int max) throws IOException {
        if (entity == null) {
            return EMPTY;
        }
        long declared = entity.getContentLength();
        if (declared > max) {
            throw new ResponseTooLargeException(request, max);
        }
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return EMPTY;
            }
            if (declared >= 0) {
                byte[] exact = in.readNBytes((int) declared);
                if (exact.length < declared) {
                    throw new IOException("the answer to " + request.method() + " " + request.path()
                            + " ended after " + exact.length + " of its " + declared + " bytes");
                }
                return exact;
            }
            byte[] buf = new byte[8192];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    if (n >= max) {
                        if (in.read() < 0) {
                            break;
                        }
                        throw new ResponseTooLargeException(request, max);
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min((long) max, Math.max(8192L, 2L * n)));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            return n == buf.length ? buf : Arrays.copyOf(buf, n);
        }
    }
}
