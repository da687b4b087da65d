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
