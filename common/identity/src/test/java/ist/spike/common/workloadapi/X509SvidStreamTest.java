package ist.spike.common.workloadapi;

import static ist.spike.common.testsupport.RawWorkloadApi.ACK;
import static ist.spike.common.testsupport.RawWorkloadApi.DATA;
import static ist.spike.common.testsupport.RawWorkloadApi.END_HEADERS;
import static ist.spike.common.testsupport.RawWorkloadApi.END_STREAM;
import static ist.spike.common.testsupport.RawWorkloadApi.GOAWAY;
import static ist.spike.common.testsupport.RawWorkloadApi.HEADERS;
import static ist.spike.common.testsupport.RawWorkloadApi.PADDED;
import static ist.spike.common.testsupport.RawWorkloadApi.PING;
import static ist.spike.common.testsupport.RawWorkloadApi.RST_STREAM;
import static ist.spike.common.testsupport.RawWorkloadApi.SETTINGS;
import static ist.spike.common.testsupport.RawWorkloadApi.grpcMessage;
import static ist.spike.common.testsupport.RawWorkloadApi.padded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.testsupport.Await;
import ist.spike.common.testsupport.LiveThreads;
import ist.spike.common.testsupport.RawWorkloadApi;
import ist.spike.common.testsupport.ShortTempDirs;
import ist.spike.devid.DevIdentityProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The streaming client against a raw fake server (the protocol's edges) and grpc-java (flow control). */
@Timeout(30)
@SuppressWarnings("try") // streams are opened in try-with-resources only so that they get closed
class X509SvidStreamTest {

    /** What the stream told its listener, one line per event, in order. */
    private static final class Recorder implements X509SvidStream.Listener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final AtomicInteger responses = new AtomicInteger();
        final AtomicReference<X509SvidResponse> last = new AtomicReference<>();

        @Override
        public void onResponse(X509SvidResponse response) {
            responses.incrementAndGet();
            last.set(response);
            events.add("response " + response.svids().get(0).spiffeId());
        }

        @Override
        public void onMalformedResponse(String problem) {
            events.add("malformed: " + problem);
        }

        @Override
        public void onCallEnded(IOException cause, Duration retryIn) {
            events.add("ended: " + cause.getMessage() + ", again in " + retryIn.toMillis() + " ms");
        }

        String next() throws InterruptedException {
            String event = events.poll(10, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no event within 10 s");
            }
            return event;
        }
    }

    @Test
    void messagesSplitOverFramesAndSeveralInOneFrameArriveWhole() throws Exception {
        byte[] a = grpcMessage(response("spiffe://spike.ist/a"));
        byte[] bAndC = concat(grpcMessage(response("spiffe://spike.ist/b")), grpcMessage(response("spiffe://spike.ist/c")));
        Recorder recorder = new Recorder();
        try (var api = RawWorkloadApi.start((connection, call) -> {
            connection.sendResponseHeaders();
            connection.send(DATA, PADDED, 1, padded(Arrays.copyOfRange(a, 0, 3), 4)); // not even the length yet
            connection.send(DATA, 0, 1, Arrays.copyOfRange(a, 3, a.length - 1));
            connection.send(DATA, 0, 1, Arrays.copyOfRange(a, a.length - 1, a.length));
            connection.send(DATA, 0, 1, bAndC);
            connection.holdOpen();
        }); var stream = X509SvidStream.follow(api.socket(), recorder)) {
            assertEquals("response spiffe://spike.ist/a", recorder.next());
            assertEquals("response spiffe://spike.ist/b", recorder.next());
            assertEquals("response spiffe://spike.ist/c", recorder.next());
            assertEquals(1, api.calls());
        }
    }

    @Test
    void settingsAndPingsAreAcknowledgedWhileTheCallStaysOpen() throws Exception {
        byte[] opaque = {1, 2, 3, 4, 5, 6, 7, 8};
        AtomicReference<byte[]> pingAck = new AtomicReference<>();
        Recorder recorder = new Recorder();
        try (var api = RawWorkloadApi.start((connection, call) -> {
            connection.send(SETTINGS, 0, 0, new byte[0]);
            connection.receiveUntil(SETTINGS, ACK);
            connection.sendResponseHeaders();
            connection.sendMessage(response("spiffe://spike.ist/a"));
            connection.send(PING, 0, 0, opaque);
            pingAck.set(connection.receiveUntil(PING, ACK).payload());
            connection.sendMessage(response("spiffe://spike.ist/b")); // only after the ack
            connection.holdOpen();
        }); var stream = X509SvidStream.follow(api.socket(), recorder)) {
            assertEquals("response spiffe://spike.ist/a", recorder.next());
            assertEquals("response spiffe://spike.ist/b", recorder.next());
            assertArrayEquals(opaque, pingAck.get());
        }
    }

    @Test
    void everyWayACallEndsLeadsToANewCall() throws Exception {
        Recorder recorder = new Recorder();
        try (var api = RawWorkloadApi.start((connection, call) -> {
            connection.sendResponseHeaders();
            if (call < 6) {
                connection.sendMessage(response("spiffe://spike.ist/" + call));
            }
            switch (call) {
                case 1 -> connection.send(GOAWAY, 0, 0, ByteBuffer.allocate(8).putInt(1).putInt(0).array());
                case 2 -> connection.send(RST_STREAM, 0, 1, ByteBuffer.allocate(4).putInt(8).array()); // CANCEL
                case 3 -> connection.send(HEADERS, END_HEADERS | END_STREAM, 1, new byte[] {0x40, 1, 'x', 1, 'y'});
                case 4 -> { } // the connection ends
                case 5 -> connection.send(DATA, END_STREAM, 1, new byte[] {0, 0, 0, 0, 9}); // a message cut short
                case 6 -> connection.send(DATA, END_STREAM, 1, new byte[0]); // ended without any message
                default -> {
                    connection.sendMessage(response("spiffe://spike.ist/last"));
                    connection.holdOpen();
                }
            }
        }); var stream = X509SvidStream.follow(api.socket(), recorder)) {
            List<String> expected = List.of(
                    "response spiffe://spike.ist/1",
                    "ended: the server closed the connection (HTTP/2 GOAWAY), again in 50 ms",
                    "response spiffe://spike.ist/2",
                    "ended: the server reset the call (HTTP/2 error 8), again in 50 ms",
                    "response spiffe://spike.ist/3",
                    "ended: the server ended the call, again in 50 ms",
                    "response spiffe://spike.ist/4",
                    "ended: the server closed the connection, again in 50 ms",
                    "response spiffe://spike.ist/5",
                    "ended: the server ended the call inside a message, again in 50 ms",
                    "ended: the server ended the call without a response, again in 100 ms",
                    "response spiffe://spike.ist/last");
            for (String event : expected) {
                assertEquals(event, recorder.next());
            }
            assertEquals(7, api.calls());
        }
    }

    @Test
    void aMalformedMessageIsReportedAndTheCallGoesOn() throws Exception {
        Recorder recorder = new Recorder();
        try (var api = RawWorkloadApi.start((connection, call) -> {
            connection.sendResponseHeaders();
            connection.sendMessage(new byte[] {0x0a, 0x7f, 1}); // field 1 claims 127 bytes, has 1
            connection.sendMessage(response("spiffe://spike.ist/a"));
            connection.holdOpen();
        }); var stream = X509SvidStream.follow(api.socket(), recorder)) {
            assertEquals("malformed: malformed protobuf message: field 1 runs past the message", recorder.next());
            assertEquals("response spiffe://spike.ist/a", recorder.next());
            assertEquals(1, api.calls());
        }
    }

    @Test
    void nobodyListeningIsTriedAgainWithAGrowingBackoff() throws Exception {
        Path nobody = ShortTempDirs.create("none").resolve("agent.sock");
        Recorder recorder = new Recorder();
        try (var stream = X509SvidStream.follow(nobody, recorder)) {
            for (long retry : new long[] {50, 100, 200, 400}) {
                String event = recorder.next();
                assertTrue(event.startsWith("ended: ") && event.endsWith(", again in " + retry + " ms"), event);
            }
        }
    }

    @Test
    void aStrayInterruptEndsTheCallButNotTheStream() throws Exception {
        Recorder recorder = new Recorder();
        try (var api = RawWorkloadApi.start((connection, call) -> {
            connection.sendResponseHeaders();
            connection.sendMessage(response("spiffe://spike.ist/" + call));
            connection.holdOpen();
        }); var stream = X509SvidStream.follow(api.socket(), recorder)) {
            assertEquals("response spiffe://spike.ist/1", recorder.next());
            List<Thread> threads = LiveThreads.named(X509SvidStream.THREAD_NAME);
            assertEquals(1, threads.size());
            threads.get(0).interrupt(); // closes the channel it is blocked on
            assertTrue(recorder.next().startsWith("ended: "));
            assertEquals("response spiffe://spike.ist/2", recorder.next());
        }
    }

    @Test
    void closeEndsTheThreadWithinASecondWhetherReadingOrWaiting() throws Exception {
        Recorder recorder = new Recorder();
        try (var api = RawWorkloadApi.start((connection, call) -> {
            connection.sendResponseHeaders();
            connection.sendMessage(response("spiffe://spike.ist/a"));
            connection.holdOpen();
        })) {
            var reading = X509SvidStream.follow(api.socket(), recorder);
            assertEquals("response spiffe://spike.ist/a", recorder.next());
            assertClosesPromptly(reading);
        }
        Recorder waitingRecorder = new Recorder();
        var waiting = X509SvidStream.follow(ShortTempDirs.create("none").resolve("agent.sock"), waitingRecorder);
        for (int i = 0; i < 5; i++) {
            waitingRecorder.next(); // deep into the backoff
        }
        assertClosesPromptly(waiting);
    }

    /**
     * Against grpc-java's flow control with a stream window smaller than one message: the server may
     * only send what we give back, so every rotation arriving proves WINDOW_UPDATEs are sent.
     */
    @Test
    void aWindowSmallerThanOneMessageStillCarriesEveryRotation() throws Exception {
        try (var provider = DevIdentityProvider.start(ShortTempDirs.create("win"), "spike.ist", Duration.ofMinutes(10))) {
            Path socket = provider.serve("tiny", "spiffe://spike.ist/spike/nexus");
            Recorder recorder = new Recorder();
            try (var stream = X509SvidStream.follow(socket, recorder, 512)) {
                Await.until(Duration.ofSeconds(10), "the first SVID", () -> recorder.responses.get() == 1);
                int size = recorder.last.get().svids().get(0).certificates().length;
                assertTrue(size > 512, "messages of " + size + " bytes");
                for (int i = 0; i < 100; i++) {
                    provider.rotateNow();
                }
                byte[] latest = provider.current("tiny").leaf().getEncoded();
                Await.until(Duration.ofSeconds(20), "all 101 responses", () -> recorder.responses.get() == 101);
                byte[] got = recorder.last.get().svids().get(0).certificates();
                assertArrayEquals(latest, Arrays.copyOf(got, latest.length));
                assertTrue(recorder.events.stream().noneMatch(e -> e.startsWith("ended")), recorder.events.toString());
            }
        }
    }

    private static void assertClosesPromptly(X509SvidStream stream) {
        List<Thread> threads = LiveThreads.named(X509SvidStream.THREAD_NAME);
        assertTrue(!threads.isEmpty(), "no " + X509SvidStream.THREAD_NAME + " thread");
        long started = System.nanoTime();
        stream.close();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMs < 1_000, "close took " + elapsedMs + " ms");
        assertTrue(threads.stream().noneMatch(Thread::isAlive), "the thread is still running");
    }

    private static byte[] response(String spiffeId) {
        return X509SvidFetchTest.response(spiffeId);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
