package ist.spike.common.workloadapi;

import static ist.spike.common.testsupport.RawWorkloadApi.DATA;
import static ist.spike.common.testsupport.RawWorkloadApi.END_HEADERS;
import static ist.spike.common.testsupport.RawWorkloadApi.END_STREAM;
import static ist.spike.common.testsupport.RawWorkloadApi.PADDED;
import static ist.spike.common.testsupport.RawWorkloadApi.PING;
import static ist.spike.common.testsupport.RawWorkloadApi.SETTINGS;
import static ist.spike.common.testsupport.RawWorkloadApi.field;
import static ist.spike.common.testsupport.RawWorkloadApi.grpcMessage;
import static ist.spike.common.testsupport.RawWorkloadApi.padded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.testsupport.RawWorkloadApi;
import ist.spike.common.testsupport.ShortTempDirs;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/2 and protobuf edges the one-shot client must get right, against a raw fake server (the
 * happy path against a real gRPC server is FetchedIdentitySourceTest).
 */
class X509SvidFetchTest {
    static final byte[] CERTS = {1, 2, 3};
    static final byte[] KEY = {4, 5};
    static final byte[] BUNDLE = {6};
    private static final int CONTINUATION = 0x9;

    @Test
    void readsAMessageSplitOverPaddedFramesBetweenPingsAndSettings() throws Exception {
        byte[] grpc = grpcMessage(response("spiffe://spike.ist/a"));
        try (var api = RawWorkloadApi.start((connection, call) -> {
            connection.send(SETTINGS, 0, 0, new byte[0]);
            connection.send(PING, 0, 0, new byte[8]); // must be acknowledged
            connection.sendResponseHeaders();
            int half = grpc.length / 2;
            connection.send(DATA, PADDED, 1, padded(Arrays.copyOfRange(grpc, 0, half), 3));
            connection.send(DATA, 0, 1, Arrays.copyOfRange(grpc, half, grpc.length));
        })) {
            X509SvidResponse response = X509SvidFetch.fetch(api.socket(), Duration.ofSeconds(5));
            assertEquals(1, response.svids().size());
            X509SvidResponse.Svid svid = response.svids().get(0);
            assertEquals("spiffe://spike.ist/a", svid.spiffeId());
            assertArrayEquals(CERTS, svid.certificates());
            assertArrayEquals(KEY, svid.privateKey());
            assertArrayEquals(BUNDLE, svid.bundle());
            assertArrayEquals(BUNDLE, response.federatedBundles().get("spiffe://other.example"));
        }
    }

    @Test
    void anEndedCallIsTriedAgainUntilTheTimeoutThenReported() {
        try (var api = RawWorkloadApi.start((connection, call) ->
                connection.send(RawWorkloadApi.HEADERS, END_HEADERS | END_STREAM, 1, RawWorkloadApi.STATUS_200))) {
            long started = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> X509SvidFetch.fetch(api.socket(), Duration.ofSeconds(1)));
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals("the server ended the call without a response", e.getMessage());
            assertTrue(api.calls() >= 3, api.calls() + " calls");
            assertTrue(elapsedMs >= 900 && elapsedMs < 3_000, elapsedMs + " ms");
        }
    }

    @Test
    void aServerThatNeverAnswersIsLeftAtTheDeadline() {
        try (var api = RawWorkloadApi.start((connection, call) -> connection.holdOpen())) {
            long started = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> X509SvidFetch.fetch(api.socket(), Duration.ofMillis(500)));
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals("no answer before the deadline", e.getMessage());
            assertTrue(elapsedMs < 3_000, elapsedMs + " ms");
        }
    }

    @Test
    void aTrailersOnlyErrorIsReportedAtOnceWithItsStatus() {
        // As grpc-go sends a refusal: one HEADERS frame, :status, content-type, grpc-status and grpc-message, END_STREAM.
        byte[] trailers = concat(RawWorkloadApi.STATUS_200, literal("content-type", "application/grpc"),
                literal("grpc-status", "7"), literal("grpc-message", "no identity issued"));
        try (var api = RawWorkloadApi.start((connection, call) ->
                connection.send(RawWorkloadApi.HEADERS, END_HEADERS | END_STREAM, 1, trailers))) {
            long started = System.nanoTime();
            var e = assertThrows(WorkloadApiAnswerException.class, () -> X509SvidFetch.fetch(api.socket(), Duration.ofSeconds(5)));
            assertEquals("PermissionDenied: no identity issued", e.getMessage());
            assertEquals(7, e.status().code());
            assertEquals(1, api.calls(), "an answer is not asked again");
            assertTrue((System.nanoTime() - started) / 1_000_000 < 2_000);
        }
    }

    @Test
    void trailersAfterHeadersAreDecodedWithTheConnectionsTableAndContinuationFrames() {
        // grpc-go's encoder (golang.org/x/net hpack): headers indexed, then trailers that refer to them,
        // Huffman-coded; here the trailers are split over HEADERS and CONTINUATION.
        byte[] headers = HexFormat.of().parseHex("885f8b1d75d0620d263d4c4d6564");
        byte[] trailers = HexFormat.of().parseHex(
                "be40889acac8b21234da8f02313440899acac8b5254207317f941cc5a92a190a2123b126aa6515c0255fbcabecff");
        try (var api = RawWorkloadApi.start((connection, call) -> {
            connection.send(RawWorkloadApi.HEADERS, END_HEADERS, 1, headers);
            connection.send(RawWorkloadApi.HEADERS, END_STREAM, 1, Arrays.copyOf(trailers, 10));
            connection.send(CONTINUATION, END_HEADERS, 1, Arrays.copyOfRange(trailers, 10, trailers.length));
        })) {
            var e = assertThrows(WorkloadApiAnswerException.class, () -> X509SvidFetch.fetch(api.socket(), Duration.ofMillis(300)));
            assertEquals("Unavailable: agent is starting \u2713", e.getMessage());
            assertTrue(api.calls() >= 2, "Unavailable is asked again: " + api.calls());
        }
    }

    @Test
    void aNonGrpcAnswerIsNamed() {
        try (var api = RawWorkloadApi.start((connection, call) ->
                connection.send(RawWorkloadApi.HEADERS, END_HEADERS | END_STREAM, 1, new byte[] {(byte) 0x8d}))) {
            var e = assertThrows(WorkloadApiAnswerException.class, () -> X509SvidFetch.fetch(api.socket(), Duration.ofSeconds(5)));
            assertEquals("HTTP status 404 instead of a gRPC response", e.getMessage());
        }
    }

    @Test
    void aFrameOverHttp2sDefaultMaximumIsRefused() {
        byte[] big = new byte[Http2Frame.MAX_PAYLOAD_BYTES + 1];
        try (var api = RawWorkloadApi.start((connection, call) -> {
            connection.sendResponseHeaders();
            connection.send(DATA, 0, 1, big);
        })) {
            IOException e = assertThrows(IOException.class, () -> X509SvidFetch.fetch(api.socket(), Duration.ofMillis(300)));
            assertEquals("an HTTP/2 frame of 16385 bytes, over the 16384 allowed", e.getMessage());
        }
    }

    @Test
    void aBadHeaderBlockEndsTheCall() {
        try (var api = RawWorkloadApi.start((connection, call) ->
                connection.send(RawWorkloadApi.HEADERS, END_HEADERS, 1, new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}))) {
            IOException e = assertThrows(IOException.class, () -> X509SvidFetch.fetch(api.socket(), Duration.ofMillis(300)));
            assertTrue(e.getMessage().startsWith("bad HPACK header block"), e.getMessage());
        }
    }

    @Test
    void aMalformedMessageIsAnAnswerAndNotAskedAgain() {
        byte[] negativeLength = ProtoReaderTest.concat(new byte[] {0x0a}, ProtoReaderTest.varint(-1L));
        try (var api = RawWorkloadApi.start((connection, call) -> {
            connection.sendResponseHeaders();
            connection.sendMessage(negativeLength);
            connection.holdOpen();
        })) {
            var e = assertThrows(WorkloadApiAnswerException.class, () -> X509SvidFetch.fetch(api.socket(), Duration.ofSeconds(5)));
            assertEquals("a message that is not an X509SVIDResponse (malformed protobuf message: field 1 runs past the message)",
                    e.getMessage());
            assertEquals(1, api.calls());
        }
    }

    @Test
    void noSocketAndNotASocketFailAtOnce() throws Exception {
        Path dir = ShortTempDirs.create("nosock");
        assertThrows(NoSuchFileException.class, () -> X509SvidFetch.fetch(dir.resolve("agent.sock"), Duration.ofSeconds(5)));
        Path file = Files.writeString(dir.resolve("file"), "not a socket");
        IOException e = assertThrows(IOException.class, () -> X509SvidFetch.fetch(file, Duration.ofSeconds(5)));
        assertEquals(file + " is not a socket", e.getMessage());
    }

    @Test
    void anOversizedMessageIsRefused() {
        byte[] header = ByteBuffer.allocate(5).put((byte) 0).putInt(MessageAssembler.MAX_MESSAGE_BYTES + 1).array();
        try (var api = RawWorkloadApi.start((connection, call) -> connection.send(DATA, 0, 1, header))) {
            IOException e = assertThrows(IOException.class, () -> X509SvidFetch.fetch(api.socket(), Duration.ofMillis(300)));
            assertTrue(e.getMessage().startsWith("a gRPC message of"), e.getMessage());
        }
    }

    @Test
    void truncatedProtobufIsMalformed() {
        byte[] message = response("spiffe://spike.ist/a");
        byte[] truncated = Arrays.copyOf(message, message.length - 1);
        assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(truncated));
    }

    /** An HPACK literal field without indexing, new name, no Huffman coding (names and values under 127 bytes). */
    static byte[] literal(String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        return concat(new byte[] {0, (byte) n.length}, n, new byte[] {(byte) v.length}, v);
    }

    private static byte[] concat(byte[]... parts) {
        return ProtoReaderTest.concat(parts);
    }

    /** An X509SVIDResponse with one SVID (and a hint), a CRL (skipped) and one federated bundle. */
    static byte[] response(String spiffeId) {
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
}
