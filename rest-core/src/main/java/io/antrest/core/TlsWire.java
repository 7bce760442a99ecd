package io.antrest.core;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;

/**
 * TLS over one connection through an {@link SSLEngine}: the handshake while the channel is still
 * blocking (on the connecting thread), then, on the I/O thread, the answer's bytes decrypted as
 * they come ({@link #read}, a channel HttpCore's decoders read from) and each request encrypted
 * whole before it is written ({@link #wrap}). The engine verifies the certificate and the hostname;
 * nothing here can turn that off.
 */
final class TlsWire implements ReadableByteChannel {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final SocketChannel channel;
    /** Write mode: encrypted bytes read from the socket and not yet decrypted. */
    private ByteBuffer netIn;
    /** Read mode: decrypted bytes not yet taken. */
    private ByteBuffer appIn;
    /** Read mode: encrypted bytes to write. */
    private ByteBuffer netOut;

    TlsWire(SSLEngine engine, SocketChannel channel) {
        this.engine = engine;
        this.channel = channel;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
        this.netOut = ByteBuffer.allocate(packet).flip();
    }

    /** The handshake, over the channel while it blocks; a failure closes nothing (the caller does). */
    void handshake() throws IOException {
        engine.beginHandshake();
        SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
        while (hs != SSLEngineResult.HandshakeStatus.FINISHED && hs != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
            switch (hs) {
                case NEED_WRAP -> {
                    netOut.clear();
                    SSLEngineResult r = engine.wrap(EMPTY, netOut);
                    netOut.flip();
                    while (netOut.hasRemaining()) {
                        channel.write(netOut);
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the server closed TLS during the handshake");
                    }
                    hs = r.getHandshakeStatus();
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult r = unwrap();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        if (channel.read(netIn) < 0) {
                            throw new EOFException("the server closed the connection during the TLS handshake");
                        }
                        continue;
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the server closed TLS during the handshake");
                    }
                    hs = r.getHandshakeStatus();
                }
                case NEED_TASK -> {
                    runTasks();
                    hs = engine.getHandshakeStatus();
                }
                default -> throw new SSLException("unexpected TLS handshake state " + hs);
            }
        }
        netOut.clear().flip();
    }

    /**
     * The decrypted bytes of the answer, as many as are here now: 0 when the socket has nothing
     * more yet, -1 when the server closed the connection (or TLS).
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        while (true) {
            if (appIn.hasRemaining()) {
                int n = Math.min(dst.remaining(), appIn.remaining());
                int limit = appIn.limit();
                appIn.limit(appIn.position() + n);
                dst.put(appIn);
                appIn.limit(limit);
                return n;
            }
            SSLEngineResult r = unwrap();
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    if (!netIn.hasRemaining()) {
                        throw new SSLException("a TLS record is larger than the session allows");
                    }
                    int n = channel.read(netIn);
                    if (n <= 0) {
                        return n;
                    }
                }
                case CLOSED -> {
                    return -1;
                }
                default -> {
                    // OK: data (taken above), or a record without any (a session ticket, a key update)
                    afterHandshakeMessage(r.getHandshakeStatus());
                }
            }
        }
    }

    /** A post-handshake message may ask for tasks or an answer (a TLS 1.3 key update). */
    private void afterHandshakeMessage(SSLEngineResult.HandshakeStatus hs) throws IOException {
        if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            runTasks();
            hs = engine.getHandshakeStatus();
        }
        if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(EMPTY, out);
            out.flip();
            // a few dozen bytes on a connection whose request is written: the socket buffer takes them
            channel.write(out);
            if (out.hasRemaining()) {
                throw new IOException("could not answer the server's TLS key update");
            }
        }
    }

    private SSLEngineResult unwrap() throws SSLException {
        appIn.compact();
        netIn.flip();
        try {
            while (true) {
                SSLEngineResult r = engine.unwrap(netIn, appIn);
                if (r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    return r;
                }
                ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() + engine.getSession().getApplicationBufferSize());
                appIn.flip();
                bigger.put(appIn);
                appIn = bigger;
            }
        } finally {
            netIn.compact();
            appIn.flip();
        }
    }

    /** {@code request} encrypted, in read mode, to be written in full. */
    ByteBuffer wrap(ByteBuffer request) throws SSLException {
        netOut.clear();
        while (request.hasRemaining()) {
            SSLEngineResult r = engine.wrap(request, netOut);
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> {
                    ByteBuffer bigger = ByteBuffer.allocate(netOut.capacity() + engine.getSession().getPacketBufferSize());
                    netOut.flip();
                    bigger.put(netOut);
                    netOut = bigger;
                }
                case CLOSED -> throw new SSLException("TLS was closed on this connection");
                default -> {
                    // OK: a record made; more if the request is longer than one
                }
            }
        }
        return netOut.flip();
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
