package io.antrest.core;

import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.nio.SessionInputBuffer;
import org.apache.hc.core5.util.CharArrayBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The bytes read from one connection and not yet parsed, in the shape HttpCore 5's non-blocking
 * parsers and decoders read from ({@link SessionInputBuffer}; HttpCore's own implementation is not
 * public). Lines are read as ISO-8859-1, as HTTP/1.1 heads are; a line longer than the limit fails
 * at once, so a server that never ends a line cannot fill the memory.
 */
final class InBuffer implements SessionInputBuffer {
    private final int maxLineLength;
    private final int maxCapacity;
    /** Read mode: the unread bytes are between position and limit. */
    private ByteBuffer buffer;

    InBuffer(int initialCapacity, int maxLineLength) {
        this.maxLineLength = maxLineLength;
        this.maxCapacity = Math.max(initialCapacity, 2 * maxLineLength);
        this.buffer = ByteBuffer.allocate(initialCapacity).flip();
    }

    @Override
    public boolean hasData() {
        return buffer.hasRemaining();
    }

    @Override
    public int length() {
        return buffer.remaining();
    }

    /** Forgets every unread byte (the connection is dropped or starts afresh). */
    void clear() {
        buffer.clear().flip();
    }

    @Override
    public int fill(ReadableByteChannel channel) throws IOException {
        buffer.compact();
        if (!buffer.hasRemaining() && buffer.capacity() < maxCapacity) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.min(maxCapacity, 2 * buffer.capacity()));
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
        try {
            return buffer.hasRemaining() ? channel.read(buffer) : 0;
        } finally {
            buffer.flip();
        }
    }

    @Override
    public int read() {
        return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(ByteBuffer dst, int maxLen) {
        int n = Math.min(Math.min(maxLen, dst.remaining()), buffer.remaining());
        if (n <= 0) {
            return 0;
        }
        int limit = buffer.limit();
        buffer.limit(buffer.position() + n);
        dst.put(buffer);
        buffer.limit(limit);
        return n;
    }

    @Override
    public int read(ByteBuffer dst) {
        return read(dst, dst.remaining());
    }

    @Override
    public int read(WritableByteChannel dst, int maxLen) throws IOException {
        int n = Math.min(maxLen, buffer.remaining());
        if (n <= 0) {
            return 0;
        }
        int limit = buffer.limit();
        buffer.limit(buffer.position() + n);
        try {
            return dst.write(buffer);
        } finally {
            buffer.limit(limit);
        }
    }

    @Override
    public int read(WritableByteChannel dst) throws IOException {
        return read(dst, buffer.remaining());
    }

    @Override
    public boolean readLine(CharArrayBuffer line, boolean endOfStream) throws IOException {
        int start = buffer.position();
        int end = -1;
        for (int i = start; i < buffer.limit(); i++) {
            if (buffer.get(i) == '\n') {
                end = i + 1;
                break;
            }
        }
        int length = (end > 0 ? end : buffer.limit()) - start;
        if (length >= maxLineLength) {
            throw new MessageConstraintException("the answer has a line longer than " + maxLineLength + " bytes");
        }
        if (end < 0) {
            if (!endOfStream || !buffer.hasRemaining()) {
                return false;
            }
            end = buffer.limit();
        }
        line.append(buffer.array(), buffer.arrayOffset() + start, end - start);
        buffer.position(end);
        int l = line.length();
        if (l > 0 && line.charAt(l - 1) == '\n') {
            l--;
        }
        if (l > 0 && line.charAt(l - 1) == '\r') {
            l--;
        }
        line.setLength(l);
        return true;
    }
}
