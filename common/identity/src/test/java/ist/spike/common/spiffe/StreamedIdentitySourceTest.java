package ist.spike.common.spiffe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spiffe.exception.BundleNotFoundException;
import io.spiffe.spiffeid.TrustDomain;
import ist.spike.common.testsupport.Await;
import ist.spike.common.testsupport.LiveThreads;
import ist.spike.common.testsupport.RawWorkloadApi;
import ist.spike.common.testsupport.ShortTempDirs;
import ist.spike.common.workloadapi.X509SvidStream;
import ist.spike.devid.DevIdentityProvider;
import ist.spike.devid.MintedSvid;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The streamed Workload API source against the dev identity provider's real grpc-java server
 * (rotations, a restarted agent) and the raw fake (garbage updates, no answer).
 */
@Timeout(60)
class StreamedIdentitySourceTest {
    private static final String NEXUS = "spiffe://spike.ist/spike/nexus";
    private static DevIdentityProvider provider;
    private static Path nexusSocket;

    @BeforeAll
    static void start() {
        provider = DevIdentityProvider.start(ShortTempDirs.create("strm"), "spike.ist", Duration.ofMinutes(10));
        nexusSocket = provider.serve("nexus", NEXUS);
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void takesTheSvidAndBundleTheProviderServes() throws Exception {
        try (var source = open(nexusSocket, "10s")) {
            assertEquals(NEXUS, source.spiffeId().toString());
            assertEquals(provider.current("nexus").leaf(), source.svid().getLeaf());
            KeyPairCheck.requireMatch(source.svid().getPrivateKey(), source.svid().getLeaf().getPublicKey());
            var bundle = source.x509Source().getBundleForTrustDomain(TrustDomain.parse("spike.ist"));
            assertTrue(bundle.hasX509Authority(provider.caCertificate()));
            assertThrows(BundleNotFoundException.class,
                    () -> source.x509Source().getBundleForTrustDomain(TrustDomain.parse("elsewhere.example")));
            assertEquals("SPIFFE Workload API at unix://" + nexusSocket, source.description());
        }
    }

    @Test
    void seesEachPublishedSvid() throws Exception {
        Path socket = provider.serve("rotating", "spiffe://spike.ist/spike/keeper");
        try (var source = open(socket, "10s")) {
            BigInteger before = source.svid().getLeaf().getSerialNumber();
            provider.rotateNow();
            BigInteger rotated = provider.current("rotating").leaf().getSerialNumber();
            assertNotEquals(before, rotated);
            Await.until(Duration.ofSeconds(10), "the rotated SVID",
                    () -> source.svid().getLeaf().getSerialNumber().equals(rotated));
            assertEquals(2, source.updatesTaken());
        }
    }

    /** 200 messages of ~3 KiB through HTTP/2's default 64 KiB window: only window updates let them through. */
    @Test
    void twoHundredRotationsInARowAllArrive() throws Exception {
        String longId = "spiffe://spike.ist/spike/nexus/" + "x".repeat(1_200);
        try (var own = DevIdentityProvider.start(ShortTempDirs.create("many"), "spike.ist", Duration.ofMinutes(10))) {
            Path socket = own.serve("many", longId);
            try (var source = open(socket, "10s")) {
                int messageBytes = RawWorkloadApi.svidResponse(own.current("many")).length;
                assertTrue(messageBytes > 2_048 && messageBytes < 4_096, messageBytes + " bytes");
                for (int i = 0; i < 200; i++) {
                    own.rotateNow();
                }
                BigInteger last = own.current("many").leaf().getSerialNumber();
                Await.until(Duration.ofSeconds(30), "all 200 rotations", () -> source.updatesTaken() == 201);
                assertEquals(last, source.svid().getLeaf().getSerialNumber());
            }
        }
    }

    @Test
    void keepsItsSvidWhileTheAgentIsDownAndTakesTheNewOneWhenItIsBack() throws Exception {
        Path work = ShortTempDirs.create("rst");
        var first = DevIdentityProvider.start(work, "spike.ist", Duration.ofMinutes(10));
        Path socket = first.serve("agent", NEXUS);
        try (var source = open(socket, "10s")) {
            BigInteger before = source.svid().getLeaf().getSerialNumber();
            first.close();
            long downUntil = System.nanoTime() + 500_000_000L;
            while (System.nanoTime() < downUntil) { // several failed calls meanwhile
                assertEquals(before, source.svid().getLeaf().getSerialNumber());
                Thread.sleep(20);
            }
            try (var restarted = DevIdentityProvider.start(work, "spike.ist", Duration.ofMinutes(10))) {
                assertEquals(socket, restarted.serve("agent", NEXUS));
                BigInteger after = restarted.current("agent").leaf().getSerialNumber();
                Await.until(Duration.ofSeconds(10), "the restarted agent's SVID",
                        () -> source.svid().getLeaf().getSerialNumber().equals(after));
                // The new agent has a new CA: the bundle came with the SVID.
                var bundle = source.x509Source().getBundleForTrustDomain(TrustDomain.parse("spike.ist"));
                assertTrue(bundle.hasX509Authority(restarted.caCertificate()));
            }
        }
    }

    @Test
    void updatesWithoutAUsableSvidAreIgnoredAndTheIdentityKept() throws Exception {
        BlockingQueue<byte[]> toSend = new LinkedBlockingQueue<>();
        MintedSvid a = provider.mint(NEXUS);
        MintedSvid b = provider.mint(NEXUS);
        toSend.add(RawWorkloadApi.svidResponse(a));
        try (var api = RawWorkloadApi.start((connection, call) -> {
            connection.sendResponseHeaders();
            for (byte[] message = take(toSend); message != STOP; message = take(toSend)) {
                connection.sendMessage(message);
            }
        }); var source = open(api.socket(), "10s")) {
            assertEquals(a.leaf(), source.svid().getLeaf());
            toSend.addAll(List.of(
                    new byte[] {0x0a, 0x7f, 1}, // not protobuf
                    new byte[0], // a response without SVIDs
                    RawWorkloadApi.svidResponse(NEXUS, new byte[] {1, 2, 3}, new byte[] {4, 5}, new byte[] {6}),
                    RawWorkloadApi.svidResponse(NEXUS, der(a), b.privateKey().getEncoded(), der(a)), // wrong key
                    RawWorkloadApi.svidResponse(b)));
            Await.until(Duration.ofSeconds(10), "the good update after the bad ones",
                    () -> source.svid().getLeaf().equals(b.leaf()));
            assertEquals(2, source.updatesTaken(), "only the two good SVIDs were taken");
            assertEquals(1, api.calls(), "bad updates do not end the call");
            toSend.add(STOP);
        }
    }

    @Test
    void nothingAnsweringGivesTheUsualErrorAtTheTimeout() {
        try (var api = RawWorkloadApi.start((connection, call) -> connection.holdOpen())) {
            long started = System.nanoTime();
            var e = assertThrows(IdentityUnavailableException.class, () -> open(api.socket(), "1s"));
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals("no SPIFFE Workload API answered at unix://" + api.socket() + " with an X.509-SVID within 1s"
                    + " (is the SPIRE agent running, and is this workload registered?"
                    + " set SPIFFE_ENDPOINT_SOCKET or SPIKE_SVID_DIR)", e.getMessage());
            assertEquals("no answer before the deadline", e.getCause().getMessage());
            assertTrue(elapsedMs >= 900 && elapsedMs < 5_000, "gave up after " + elapsedMs + " ms");
            assertTrue(LiveThreads.named(X509SvidStream.THREAD_NAME).isEmpty(), "the stream was not closed");
        }
    }

    @Test
    void anAnswerWithoutSvidIsWaitedPastAndNamedAtTheTimeout() {
        try (var api = RawWorkloadApi.start((connection, call) -> {
            connection.sendResponseHeaders();
            connection.sendMessage(new byte[0]);
            connection.holdOpen();
        })) {
            var e = assertThrows(IdentityUnavailableException.class, () -> open(api.socket(), "1s"));
            assertTrue(e.getMessage().startsWith("no SPIFFE Workload API answered at unix://" + api.socket()), e.getMessage());
            assertEquals("the response holds no SVID", e.getCause().getMessage());
        }
    }

    @Test
    void closeEndsTheThreadWithinASecond() throws Exception {
        var source = open(nexusSocket, "10s");
        List<Thread> threads = LiveThreads.named(X509SvidStream.THREAD_NAME);
        assertEquals(1, threads.size(), threads.toString());
        assertTrue(threads.get(0).isDaemon());
        long started = System.nanoTime();
        source.close();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMs < 1_000, "close took " + elapsedMs + " ms");
        assertTrue(!threads.get(0).isAlive(), "the thread is still running");
        assertEquals(NEXUS, source.spiffeId().toString(), "the last SVID stays readable");
    }

    /**
     * The point of the streamed source: none of java-spiffe's gRPC client, gRPC or Netty in the JVM. A
     * child JVM logs every class it loads while it opens the source as a server does.
     */
    @Test
    void loadsNoGrpcNettyOrDefaultX509SourceClasses() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:stdout", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                StreamedSourceProbe.class.getName(), "unix://" + nexusSocket)
                .redirectErrorStream(true)
                .start();
        List<String> lines;
        try (var out = child.getInputStream()) {
            lines = new String(out.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the probe did not finish");
        assertTrue(lines.contains("probe: StreamedIdentitySource " + NEXUS),
                "the probe did not get its SVID:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        assertTrue(lines.stream().anyMatch(l -> l.contains(" ist.spike.common.spiffe.IdentitySources ")),
                "class loading was not logged");
        List<String> unwanted = lines.stream()
                .filter(l -> l.contains(" io.grpc.") || l.contains(" io.netty.") || l.contains("DefaultX509Source"))
                .toList();
        assertTrue(unwanted.isEmpty(), unwanted.size() + " unwanted classes loaded, the first: "
                + unwanted.subList(0, Math.min(5, unwanted.size())));
        assertEquals(0, child.exitValue());
    }

    private static final byte[] STOP = new byte[0];

    private static StreamedIdentitySource open(Path socket, String timeout) {
        IdentitySource source = IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", "unix://" + socket,
                "SPIKE_SPIFFE_SOURCE_TIMEOUT", timeout));
        return assertInstanceOf(StreamedIdentitySource.class, source);
    }

    private static byte[] take(BlockingQueue<byte[]> queue) throws IOException {
        try {
            byte[] next = queue.poll(30, TimeUnit.SECONDS);
            return next == null ? STOP : next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return STOP;
        }
    }

    private static byte[] der(MintedSvid svid) throws Exception {
        return svid.leaf().getEncoded();
    }
}
