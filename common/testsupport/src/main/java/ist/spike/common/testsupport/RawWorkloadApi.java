package ist.spike.common.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.devid.MintedSvid;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Workload API on a unix socket that speaks raw HTTP/2 frames, for the protocol's edges that a
 * real gRPC server does not show on demand (GOAWAY, split and batched messages, padding, garbage). Each
 * accepted connection's first flight (preface up to the request's END_STREAM) is read and checked for
 * the security header, then a {@link Script} plays the server, one connection at a time.
 */
public final class RawWorkloadApi implements AutoCloseable {
    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int WINDOW_UPDATE = 0x8;
    public static final int END_STREAM = 0x1;
    public static final int ACK = 0x1;
    public static final int END_HEADERS = 0x4;
    public static final int PADDED = 0x8;
    /** HPACK for ":status 200" (static table entry 8). */
    public static final byte[] STATUS_200 = {(byte) 0x88};

    /** The server's part on one connection. */
    public interface Script {
        /** @param call 1 for the first connection, 2 for the next... */
        void play(Connection connection, int call) throws IOException;
    }

    /** A frame the client sent. */
    public record Frame(int type, int flags, int stream, byte[] payload) {}

    private final Path socket;
    private final ServerSocketChannel server;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile SocketChannel current;

    private RawWorkloadApi(Path socket, ServerSocketChannel server) {
        this.socket = socket;
        this.server = server;
    }

    public static RawWorkloadApi start(Script script) {
        Path socket = ShortTempDirs.create("h2").resolve("agent.sock");
        try {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            RawWorkloadApi api = new RawWorkloadApi(socket, server);
            Thread acceptor = new Thread(() -> api.serve(script), "raw-workload-api");
            acceptor.setDaemon(true);
            acceptor.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path socket() {
        return socket;
    }

    /** Connections accepted so far. */
    public int calls() {
        return calls.get();
    }

    /** Stops accepting and drops the connection being served. */
    @Override
    public void close() {
        try {
            server.close();
            SocketChannel open = current;
            if (open != null) {
                open.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve(Script script) {
        while (server.isOpen()) {
            try (SocketChannel connection = server.accept()) {
                current = connection;
                int call = calls.incrementAndGet();
                Connection served = new Connection(connection);
                served.readFirstFlight();
                script.play(served, call);
                connection.shutdownOutput();
                Thread.sleep(50); // let the client read before the close
            } catch (IOException e) {
                // The client went away, or the server closed: serve the next one, if any.
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One accepted connection, seen from the server. */
    public static final class Connection {
        private final SocketChannel channel;
        private final InputStream in;

        private Connection(SocketChannel channel) {
            this.channel = channel;
            this.in = Channels.newInputStream(channel);
        }

        public void send(int type, int flags, int stream, byte[] payload) throws IOException {
            sendBytes(frame(type, flags, stream, payload));
        }

        /** Response headers (":status 200"), as a real server sends before the first message. */
        public void sendResponseHeaders() throws IOException {
            send(HEADERS, END_HEADERS, 1, STATUS_200);
        }

        /** One gRPC message in one DATA frame on stream 1. */
        public void sendMessage(byte[] message) throws IOException {
            send(DATA, 0, 1, grpcMessage(message));
        }

        public void sendBytes(byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        /** The client's next frame. */
        public Frame receive() throws IOException {
            byte[] header = in.readNBytes(9);
            if (header.length < 9) {
                throw new EOFException("the client closed the connection");
            }
            int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
            int stream = ByteBuffer.wrap(header, 5, 4).getInt() & 0x7fffffff;
            return new Frame(header[3] & 0xff, header[4] & 0xff, stream, in.readNBytes(length));
        }

        /** Reads the client's frames up to the first of this type with these flags. */
        public Frame receiveUntil(int type, int flags) throws IOException {
            while (true) {
                Frame frame = receive();
                if (frame.type() == type && frame.flags() == flags) {
                    return frame;
                }
            }
        }

        /** Keeps the call open until the client closes it (a Workload API stream between rotations). */
        public void holdOpen() throws IOException {
            while (true) {
                receive();
            }
        }

        /** The preface, then frames up to the request's DATA with END_STREAM; checks the security header. */
        private void readFirstFlight() throws IOException {
            byte[] preface = in.readNBytes(24);
            if (preface.length < 24) {
                throw new EOFException("the client closed the connection");
            }
            assertEquals("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", new String(preface, StandardCharsets.US_ASCII));
            boolean securityHeader = false;
            while (true) {
                Frame frame = receive();
                if (frame.type() == HEADERS) {
                    securityHeader = new String(frame.payload(), StandardCharsets.ISO_8859_1).contains("workload.spiffe.io");
                }
                if (frame.type() == DATA && (frame.flags() & END_STREAM) != 0) {
                    assertTrue(securityHeader, "no workload.spiffe.io header");
                    return;
                }
            }
        }
    }

    // --- what goes on the wire ---------------------------------------------------------------------

    public static byte[] frame(int type, int flags, int stream, byte[] payload) {
        return ByteBuffer.allocate(9 + payload.length)
                .put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length)
                .put((byte) type).put((byte) flags).putInt(stream).put(payload).array();
    }

    /** A PADDED frame's payload: pad length, data, padding. */
    public static byte[] padded(byte[] data, int padding) {
        return ByteBuffer.allocate(1 + data.length + padding).put((byte) padding).put(data).array();
    }

    /** gRPC's length prefix (not compressed) and the message. */
    public static byte[] grpcMessage(byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    /** An X509SVIDResponse with this one SVID, as the Workload API encodes it (DER, PKCS#8). */
    public static byte[] svidResponse(MintedSvid svid) {
        return svidResponse(svid.spiffeId(), der(svid.chain()), svid.privateKey().getEncoded(), der(svid.bundle()));
    }

    /** An X509SVIDResponse with one SVID made of these bytes. */
    public static byte[] svidResponse(String spiffeId, byte[] certificates, byte[] key, byte[] bundle) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        field(fields, 1, spiffeId.getBytes(StandardCharsets.UTF_8));
        field(fields, 2, certificates);
        field(fields, 3, key);
        field(fields, 4, bundle);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        field(response, 1, fields.toByteArray());
        return response.toByteArray();
    }

    /** A length-delimited protobuf field. */
    public static void field(ByteArrayOutputStream out, int number, byte[] value) {
        varint(out, number << 3 | 2);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void varint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7f) != 0) {
            out.write(value & 0x7f | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private static byte[] der(List<X509Certificate> certificates) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (X509Certificate certificate : certificates) {
            try {
                out.writeBytes(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toByteArray();
    }
}
