package ist.spike.common.workloadapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.testsupport.ShortTempDirs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/2 and protobuf edges the one-shot client must get right, against a raw fake server (the
 * happy path against a real gRPC server is FetchedIdentitySourceTest).
 */
class X509SvidFetchTest {
    private static final byte[] CERTS = {1, 2, 3};
    private static final byte[] KEY = {4, 5};
    private static final byte[] BUNDLE = {6};

    /** What a fake server does with one accepted connection, after reading the client's first flight. */
    private interface Behaviour {
        void serve(SocketChannel connection) throws IOException;
    }

    @Test
    void readsAMessageSplitOverPaddedFramesBetweenPingsAndSettings() throws Exception {
        byte[] grpc = grpcMessage(response("spiffe://spike.ist/a"));
        Path socket = serve(connection -> {
            write(connection, frame(0x4, 0, 0, new byte[0])); // server settings
            write(connection, frame(0x6, 0, 0, new byte[8])); // ping, must be acknowledged
            write(connection, frame(0x1, 0x4, 1, new byte[] {(byte) 0x88})); // :status 200
            int half = grpc.length / 2;
            write(connection, frame(0x0, 0x8, 1, padded(java.util.Arrays.copyOfRange(grpc, 0, half), 3)));
            write(connection, frame(0x0, 0, 1, java.util.Arrays.copyOfRange(grpc, half, grpc.length)));
        }, new AtomicInteger());
        X509SvidResponse response = X509SvidFetch.fetch(socket, Duration.ofSeconds(5));
        assertEquals(1, response.svids().size());
        X509SvidResponse.Svid svid = response.svids().get(0);
        assertEquals("spiffe://spike.ist/a", svid.spiffeId());
        assertArrayEquals(CERTS, svid.certificates());
        assertArrayEquals(KEY, svid.privateKey());
        assertArrayEquals(BUNDLE, svid.bundle());
        assertArrayEquals(BUNDLE, response.federatedBundles().get("spiffe://other.example"));
    }

    @Test
    void anEndedCallIsTriedAgainUntilTheTimeoutThenReported() {
        AtomicInteger calls = new AtomicInteger();
        Path socket = serve(connection -> write(connection, frame(0x1, 0x4 | 0x1, 1, new byte[] {(byte) 0x88})), calls);
        long started = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> X509SvidFetch.fetch(socket, Duration.ofSeconds(1)));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals("the server ended the call without a response", e.getMessage());
        assertTrue(calls.get() >= 3, calls.get() + " calls");
        assertTrue(elapsedMs >= 900 && elapsedMs < 3_000, elapsedMs + " ms");
    }

    @Test
    void aServerThatNeverAnswersIsLeftAtTheDeadline() {
        Path socket = serve(connection -> sleep(10_000), new AtomicInteger());
        long started = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> X509SvidFetch.fetch(socket, Duration.ofMillis(500)));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals("no answer before the deadline", e.getMessage());
        assertTrue(elapsedMs < 3_000, elapsedMs + " ms");
    }

    @Test
    void anOversizedMessageIsRefused() {
        byte[] header = ByteBuffer.allocate(5).put((byte) 0).putInt(MessageAssembler.MAX_MESSAGE_BYTES + 1).array();
        Path socket = serve(connection -> write(connection, frame(0x0, 0, 1, header)), new AtomicInteger());
        IOException e = assertThrows(IOException.class, () -> X509SvidFetch.fetch(socket, Duration.ofMillis(300)));
        assertTrue(e.getMessage().startsWith("a gRPC message of"), e.getMessage());
    }

    @Test
    void truncatedProtobufIsMalformed() {
        byte[] message = response("spiffe://spike.ist/a");
        byte[] truncated = java.util.Arrays.copyOf(message, message.length - 1);
        assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(truncated));
    }

    // --- a fake Workload API on a unix socket --------------------------------------------------

    private static Path serve(Behaviour behaviour, AtomicInteger calls) {
        Path socket = ShortTempDirs.create("h2").resolve("agent.sock");
        try {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread acceptor = new Thread(() -> {
                while (server.isOpen()) {
                    try (SocketChannel connection = server.accept()) {
                        calls.incrementAndGet();
                        readFirstFlight(Channels.newInputStream(connection));
                        behaviour.serve(connection);
                        connection.shutdownOutput();
                        sleep(50); // let the client read before the close
                    } catch (IOException e) {
                        // The client went away (its deadline); serve the next one.
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The preface, then frames up to the request's DATA with END_STREAM; checks the security header. */
    private static void readFirstFlight(InputStream in) throws IOException {
        byte[] preface = in.readNBytes(24);
        if (preface.length < 24) {
            throw new IOException("the client closed the connection");
        }
        assertEquals("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", new String(preface, StandardCharsets.US_ASCII));
        boolean securityHeader = false;
        while (true) {
            byte[] header = in.readNBytes(9);
            int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
            byte[] payload = in.readNBytes(length);
            if (header[3] == 0x1) {
                securityHeader = new String(payload, StandardCharsets.ISO_8859_1).contains("workload.spiffe.io");
            }
            if (header[3] == 0x0 && (header[4] & 0x1) != 0) {
                assertTrue(securityHeader, "no workload.spiffe.io header");
                return;
            }
        }
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        return ByteBuffer.allocate(9 + payload.length)
                .put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length)
                .put((byte) type).put((byte) flags).putInt(stream).put(payload).array();
    }

    private static byte[] padded(byte[] data, int padding) {
        return ByteBuffer.allocate(1 + data.length + padding).put((byte) padding).put(data).array();
    }

    private static byte[] grpcMessage(byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    /** An X509SVIDResponse with one SVID, a CRL (skipped) and one federated bundle. */
    private static byte[] response(String spiffeId) {
        ByteArrayOutputStream svid = new ByteArrayOutputStream();
        field(svid, 1, spiffeId.getBytes(StandardCharsets.UTF_8));
        field(svid, 2, CERTS);
        field(svid, 3, KEY);
        field(svid, 4, BUNDLE);
        field(svid, 5, "hint".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream federated = new ByteArrayOutputStream();
        field(federated, 1, "spiffe://other.example".getBytes(StandardCharsets.UTF_8));
        field(federated, 2, BUNDLE);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        field(response, 1, svid.toByteArray());
        field(response, 2, new byte[] {9, 9});
        field(response, 3, federated.toByteArray());
        return response.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] value) {
        out.write(number << 3 | 2);
        out.write(value.length); // test values stay under 128 bytes
        out.writeBytes(value);
    }

    private static void write(SocketChannel connection, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            connection.write(buffer);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
