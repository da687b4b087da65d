package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spiffe.spiffeid.TrustDomain;
import ist.spike.common.spiffe.FetchedIdentitySource;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.IdentityUnavailableException;
import ist.spike.common.spiffe.WorkloadApiIdentitySource;
import ist.spike.devid.DevIdentityProvider;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPIKE's Workload API clients against a Workload API served by grpc-go, the gRPC stack of the SPIRE
 * agent ({@link GrpcGoWorkloadApi}): the CLI's one-shot fetch (in this JVM, and as the real {@code spike})
 * and the servers' java-spiffe source (in this JVM, and as a real keeper). Each answer a SPIRE agent can
 * give: an SVID, one over 1 MiB (HTTP/2 flow control), an error status, a refused call without the
 * security header, a malformed message, a rotation on the open stream, a connection that ends.
 */
class GrpcGoWorkloadApiTest {
    private static final String NEXUS = "spiffe://spike.ist/spike/nexus";
    private static final String CHECK = " (is the SPIRE agent running, and is this workload registered? set"
            + " SPIFFE_ENDPOINT_SOCKET or SPIKE_SVID_DIR)";
    private static Path dir;
    private static DevIdentityProvider provider;
    private static Path svid;
    private static Path rotated;
    private static int sockets;

    @BeforeAll
    static void start() throws Exception {
        GrpcGoWorkloadApi.binary();
        dir = Files.createTempDirectory(Path.of("/tmp"), "ggw"); // unix socket paths stay short
        provider = DevIdentityProvider.start(dir.resolve("ca"), "spike.ist", Duration.ofMinutes(10));
        svid = provider.writeSvidFiles(NEXUS, dir.resolve("a"));
        rotated = provider.writeSvidFiles(NEXUS, dir.resolve("b"));
    }

    @AfterAll
    static void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    private static Path socket() {
        return dir.resolve("api-" + ++sockets + ".sock");
    }

    private static GrpcGoWorkloadApi serve(String... flags) throws Exception {
        return GrpcGoWorkloadApi.start(socket(), flags);
    }

    private static Map<String, String> env(GrpcGoWorkloadApi api, String... more) {
        Map<String, String> env = new HashMap<>(Map.of(IdentitySources.SPIFFE_ENDPOINT_SOCKET, "unix:" + api.socket()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private static X509Certificate leaf(Path svidDir) throws Exception {
        try (var in = Files.newInputStream(svidDir.resolve("svid.pem"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    // --- the CLI's one-shot fetch ------------------------------------------------------------------

    @Test
    void theFetchTakesTheSvidAndBundleGrpcGoServes() throws Exception {
        // The server requires workload.spiffe.io: true, as SPIRE does: answering proves the client sends it.
        try (var api = serve("-svid-dir", svid.toString());
             IdentitySource source = IdentitySources.openOnce(env(api))) {
            assertInstanceOf(FetchedIdentitySource.class, source);
            assertEquals(NEXUS, source.spiffeId().toString());
            assertEquals(leaf(svid), source.svid().getLeaf());
            assertTrue(source.x509Source().getBundleForTrustDomain(TrustDomain.parse("spike.ist"))
                    .hasX509Authority(provider.caCertificate()));
            assertTrue(api.log().contains("workload.spiffe.io=[\"true\"]"), api.log());
        }
    }

    @Test
    void theFetchTakesAnAnswerOverOneMebibyte() throws Exception {
        // Far over HTTP/2's 64 KiB default window and 16 KiB frames.
        try (var api = serve("-svid-dir", svid.toString(), "-min-size", "1100000");
             IdentitySource source = IdentitySources.openOnce(env(api))) {
            assertEquals(leaf(svid), source.svid().getLeaf());
            assertTrue(api.log().contains("answered 11"), api.log());
        }
    }

    @Test
    void theFetchNamesAnErrorStatusAtOnce() throws Exception {
        for (String[] flags : new String[][] {{}, {"-headers-first"}}) { // trailers-only, and trailers after headers
            try (var api = serve(concat(flags, "-status", "PermissionDenied", "-message", "no identity issued"))) {
                long started = System.nanoTime();
                var e = assertThrows(IdentityUnavailableException.class, () -> IdentitySources.openOnce(env(api)));
                assertEquals("the SPIFFE Workload API at unix:" + api.socket() + " answered PermissionDenied: no identity"
                        + " issued (is this workload registered with the SPIRE server?)", e.getMessage());
                assertTrue(elapsedMs(started) < 3_000, elapsedMs(started) + " ms");
            }
        }
    }

    @Test
    void theFetchWaitsForAnUnavailableAgentThenNamesIt() throws Exception {
        try (var api = serve("-status", "Unavailable", "-message", "agent is starting \u2713")) {
            long started = System.nanoTime();
            var e = assertThrows(IdentityUnavailableException.class,
                    () -> IdentitySources.openOnce(env(api, "SPIKE_SPIFFE_SOURCE_TIMEOUT", "1s")));
            assertEquals("no X.509-SVID from the SPIFFE Workload API at unix:" + api.socket() + " within 1s: it answered"
                    + " Unavailable: agent is starting \u2713" + CHECK, e.getMessage());
            assertTrue(elapsedMs(started) >= 900, elapsedMs(started) + " ms");
        }
    }

    @Test
    void theFetchIsRefusedWithoutTheSecurityHeaderAsSpireRefusesIt() throws Exception {
        // The server demands another header, so our call lacks the one it wants: SPIRE's answer to that.
        try (var api = serve("-svid-dir", svid.toString(), "-security-header", "x-other-security-header")) {
            var e = assertThrows(IdentityUnavailableException.class, () -> IdentitySources.openOnce(env(api)));
            assertEquals("the SPIFFE Workload API at unix:" + api.socket()
                    + " answered InvalidArgument: security header missing from request", e.getMessage());
        }
    }

    @Test
    void theFetchRefusesAMalformedMessageAtOnce() throws Exception {
        try (var api = serve("-malformed")) {
            var e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(IdentityUnavailableException.class, () -> IdentitySources.openOnce(env(api))));
            assertEquals("the SPIFFE Workload API at unix:" + api.socket() + " answered a message that is not an"
                    + " X509SVIDResponse (malformed protobuf message: field 1 runs past the message)", e.getMessage());
        }
    }

    @Test
    void theFetchNamesAConnectionClosedBeforeAnyAnswer() throws Exception {
        try (var api = serve("-svid-dir", svid.toString(), "-abrupt-close", "before")) {
            var e = assertThrows(IdentityUnavailableException.class,
                    () -> IdentitySources.openOnce(env(api, "SPIKE_SPIFFE_SOURCE_TIMEOUT", "1s")));
            assertTrue(e.getMessage().startsWith("no X.509-SVID from the SPIFFE Workload API at unix:" + api.socket()
                    + " within 1s: "), e.getMessage());
            assertTrue(e.getMessage().contains("connection"), e.getMessage());
        }
    }

    @Test
    void theCliSaysWhatTheAgentAnsweredInOneLine() throws Exception {
        try (var api = serve("-status", "PermissionDenied", "-message", "no identity issued")) {
            Processes.Result r = Processes.run(env(api), null, Duration.ofSeconds(60), "spike", "secret", "list");
            assertEquals(2, r.exitCode(), r::toString);
            assertEquals("Error: no SPIFFE identity: the SPIFFE Workload API at unix:" + api.socket() + " answered"
                    + " PermissionDenied: no identity issued (is this workload registered with the SPIRE server?)\n",
                    r.stderr(), r::toString);
        }
    }

    @Test
    void theCliSurvivesAMalformedMessageInASmallHeap() throws Exception {
        // The negative length that used to loop until memory ran out, in a 16 MiB heap.
        try (var api = serve("-malformed")) {
            Processes.Result r = Processes.run(env(api, "SPIKE_JAVA_OPTS", "-Xmx16m"), null, Duration.ofSeconds(60),
                    "spike", "secret", "list");
            assertEquals(2, r.exitCode(), r::toString);
            assertTrue(r.stderr().startsWith("Error: no SPIFFE identity: the SPIFFE Workload API at unix:" + api.socket()
                    + " answered a message that is not an X509SVIDResponse"), r::toString);
            assertEquals(1, r.stderr().lines().count(), r::toString);
        }
    }

    @Test
    void theCliWithJavaSpiffesClientSaysWhatTheAgentAnsweredInOneLine() throws Exception {
        try (var api = serve("-svid-dir", svid.toString(), "-security-header", "x-other-security-header")) {
            Processes.Result r = Processes.run(env(api, "SPIKE_WORKLOAD_API_CLIENT", "java-spiffe"), null,
                    Duration.ofSeconds(60), "spike", "secret", "list");
            assertEquals(2, r.exitCode(), r::toString);
            assertEquals("Error: no SPIFFE identity: the SPIFFE Workload API at unix:" + api.socket()
                    + " answered InvalidArgument: security header missing from request\n", r.stderr(), r::toString);
        }
    }

    @Test
    void theCliFailsAtOnceWhenThereIsNoSocket() throws Exception {
        Path nobody = socket();
        long started = System.nanoTime();
        Processes.Result r = Processes.run(Map.of(IdentitySources.SPIFFE_ENDPOINT_SOCKET, "unix://" + nobody), null,
                Duration.ofSeconds(60), "spike", "secret", "list");
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals("Error: no SPIFFE identity: no SPIFFE Workload API socket at " + nobody
                + " (is the SPIRE agent running? set SPIFFE_ENDPOINT_SOCKET or SPIKE_SVID_DIR)\n", r.stderr(), r::toString);
        // The whole run, JVM included; the fetch itself gives up in milliseconds (FetchedIdentitySourceTest).
        assertTrue(elapsedMs(started) < 10_000, elapsedMs(started) + " ms");
    }

    // --- the servers' java-spiffe source -----------------------------------------------------------

    @Test
    void theServersSourceTakesTheSvidAndFollowsARotationOnTheStream() throws Exception {
        try (var api = serve("-svid-dir", svid.toString(), "-rotate-to", rotated.toString(), "-rotate-after", "2s");
             IdentitySource source = IdentitySources.open(env(api))) {
            assertInstanceOf(WorkloadApiIdentitySource.class, source);
            assertEquals(leaf(svid), source.svid().getLeaf());
            BigInteger next = leaf(rotated).getSerialNumber();
            assertNotEquals(leaf(svid).getSerialNumber(), next);
            awaitTrue(Duration.ofSeconds(20), () -> source.svid().getLeaf().getSerialNumber().equals(next));
            assertTrue(api.log().contains("call 1: rotated"), api.log());
        }
    }

    @Test
    void theServersSourceTakesAnAnswerOverOneMebibyte() throws Exception {
        try (var api = serve("-svid-dir", svid.toString(), "-min-size", "1100000");
             IdentitySource source = IdentitySources.open(env(api))) {
            assertEquals(leaf(svid), source.svid().getLeaf());
        }
    }

    @Test
    void theServersSourceKeepsItsSvidWhenTheAgentGoesAndTakesTheNextOneWhenItIsBack() throws Exception {
        Path socket = socket();
        IdentitySource source;
        try (var api = GrpcGoWorkloadApi.start(socket, "-svid-dir", svid.toString(), "-abrupt-close", "after")) {
            source = IdentitySources.open(env(api));
        }
        try (source) {
            assertEquals(leaf(svid), source.svid().getLeaf()); // the agent is gone, the SVID stays
            try (var back = GrpcGoWorkloadApi.start(socket, "-svid-dir", rotated.toString())) {
                awaitTrue(Duration.ofSeconds(30), () -> {
                    try {
                        return source.svid().getLeaf().equals(leaf(rotated));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
    }

    @Test
    void theServersSourceNamesAnErrorStatusWhenItGivesUp() throws Exception {
        try (var api = serve("-status", "PermissionDenied", "-message", "no identity issued")) {
            var e = assertThrows(IdentityUnavailableException.class,
                    () -> IdentitySources.open(env(api, "SPIKE_SPIFFE_SOURCE_TIMEOUT", "2s")));
            assertEquals("no X.509-SVID from the SPIFFE Workload API at unix:" + api.socket() + " within 2s: it answered"
                    + " PermissionDenied: no identity issued" + CHECK, e.getMessage());
        }
    }

    @Test
    void theServersSourceIsRefusedWithoutTheSecurityHeaderAtOnceAndInOneLine() throws Exception {
        try (var api = serve("-svid-dir", svid.toString(), "-security-header", "x-other-security-header")) {
            long started = System.nanoTime();
            var e = assertThrows(IdentityUnavailableException.class,
                    () -> IdentitySources.open(env(api, "SPIKE_SPIFFE_SOURCE_TIMEOUT", "20s")));
            assertEquals("the SPIFFE Workload API at unix:" + api.socket()
                    + " answered InvalidArgument: security header missing from request", e.getMessage());
            assertTrue(elapsedMs(started) < 10_000, "java-spiffe does not call again after InvalidArgument: "
                    + elapsedMs(started) + " ms");
        }
    }

    @Test
    void theServersSourceGivesUpOnAMalformedMessageCleanly() throws Exception {
        try (var api = serve("-malformed")) {
            var e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IdentityUnavailableException.class,
                    () -> IdentitySources.open(env(api, "SPIKE_SPIFFE_SOURCE_TIMEOUT", "2s"))));
            assertEquals("no X.509-SVID from the SPIFFE Workload API at unix:" + api.socket() + " within 2s: an answer"
                    + " java-spiffe's client could not read (not an X509SVIDResponse)" + CHECK, e.getMessage());
        }
    }

    @Test
    void aKeeperRefusedByTheAgentStopsWithOneLine() throws Exception {
        try (var api = serve("-svid-dir", svid.toString(), "-security-header", "x-other-security-header")) {
            Processes.Result r = Processes.run(env(api, "SPIKE_KEEPER_TLS_PORT", "127.0.0.1:0"), null,
                    Duration.ofSeconds(60), "keeper");
            assertEquals(1, r.exitCode(), r::toString);
            assertEquals("keeper: the SPIFFE Workload API at unix:" + api.socket()
                    + " answered InvalidArgument: security header missing from request\n", r.stderr(), r::toString);
        }
    }

    private static void awaitTrue(Duration limit, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(100);
        }
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
