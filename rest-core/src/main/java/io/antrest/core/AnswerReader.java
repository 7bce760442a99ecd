package io.antrest.core;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.EofSensorInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns an HTTP answer into a {@link Response}, for both transports: status, headers, and the body
 * read into one array, never more than the configured cap.
 */
final class AnswerReader {
    private static final byte[] EMPTY = new byte[0];

    private AnswerReader() {
    }

    /**
     * The answer to {@code request}'s attempt {@code attempt}, sent at {@code startNanos}.
     *
     * @throws ResponseTooLargeException when the body is over {@code max} bytes
     */
    static Response read(ClassicHttpResponse answer, Request request, int max, long startNanos, int attempt)
            throws IOException {
        byte[] body = body(answer.getEntity(), request, max);
        Header[] raw = answer.getHeaders();
        List<Param> headers = new ArrayList<>(raw.length);
        for (Header h : raw) {
            headers.add(new Param(h.getName(), h.getValue()));
        }
        return new Response(answer.getCode(), headers, body, Duration.ofNanos(System.nanoTime() - startNanos), attempt);
    }

    /**
     * The whole body, in one exactly sized array when the length is declared. The stream is closed
     * only once it has been read to its end; an answer over the cap is abandoned where it stands
     * (its connection must then be thrown away, never drained: an endless answer never ends).
     *
     * @throws ResponseTooLargeException when the body is over {@code max} bytes
     */
    private static byte[] body(HttpEntity entity, Request request, int max) throws IOException {
        if (entity == null) {
            return EMPTY;
        }
        InputStream in = entity.getContent();
        if (in == null) {
            return EMPTY;
        }
        long declared = entity.getContentLength();
        if (declared > max) {
            throw tooLarge(in, request, max, "declares " + declared + " bytes");
        }
        byte[] body;
        if (declared >= 0) {
            body = in.readNBytes((int) declared);
            if (body.length < declared) {
                throw new IOException("the answer to " + request.method() + " " + request.path()
                        + " ended after " + body.length + " of its " + declared + " bytes");
            }
        } else {
            byte[] buf = new byte[8192];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    if (n >= max) {
                        if (in.read() < 0) {
                            break;
                        }
                        throw tooLarge(in, request, max, "has no Content-Length and ran past the limit");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min((long) max, Math.max(8192L, 2L * n)));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            body = n == buf.length ? buf : Arrays.copyOf(buf, n);
        }
        in.close();
        return body;
    }

    /**
     * Gives up on an answer over the cap. HttpClient's stream would read the rest on close to keep
     * the connection; aborting it discards the connection instead. A direct session drops its
     * connection on the exception.
     */
    private static ResponseTooLargeException tooLarge(InputStream in, Request request, int max, String what) {
        if (in instanceof EofSensorInputStream sensor) {
            try {
                sensor.abort();
            } catch (IOException e) {
                // the connection is being thrown away; failing to close it cleanly changes nothing
            }
        }
        return new ResponseTooLargeException(request, max, what);
    }
}
