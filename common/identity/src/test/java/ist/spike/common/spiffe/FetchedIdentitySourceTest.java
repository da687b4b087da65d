package ist.spike.common.spiffe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spiffe.exception.BundleNotFoundException;
import io.spiffe.spiffeid.TrustDomain;
import ist.spike.common.testsupport.ShortTempDirs;
import ist.spike.devid.DevIdentityProvider;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one-shot Workload API client against the dev identity provider's real gRPC server. */
class FetchedIdentitySourceTest {
    private static DevIdentityProvider provider;
    private static Path pilotSocket;

    @BeforeAll
    static void start() {
        provider = DevIdentityProvider.start(ShortTempDirs.create("fetch"), "spike.ist", Duration.ofMinutes(10));
        pilotSocket = provider.serve("pilot", "spiffe://spike.ist/spike/pilot/role/superuser");
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void fetchesTheSameSvidAndBundleAsTheProviderServes() throws Exception {
        try (IdentitySource source = IdentitySources.openOnce(Map.of("SPIFFE_ENDPOINT_SOCKET", "unix://" + pilotSocket))) {
            assertTrue(source instanceof FetchedIdentitySource, source.getClass().getName());
            assertEquals("spiffe://spike.ist/spike/pilot/role/superuser", source.spiffeId().toString());
            assertEquals(provider.current("pilot").leaf(), source.svid().getLeaf());
            KeyPairCheck.requireMatch(source.svid().getPrivateKey(), source.svid().getLeaf().getPublicKey());
            var bundle = source.x509Source().getBundleForTrustDomain(TrustDomain.parse("spike.ist"));
            assertTrue(bundle.hasX509Authority(provider.caCertificate()));
            assertThrows(BundleNotFoundException.class,
                    () -> source.x509Source().getBundleForTrustDomain(TrustDomain.parse("elsewhere.example")));
        }
    }

    @Test
    void acceptsEveryWayOfWritingTheSocket() {
        for (String address : new String[] {"unix:" + pilotSocket, "unix://" + pilotSocket, pilotSocket.toString()}) {
            try (IdentitySource source = IdentitySources.openOnce(Map.of("SPIFFE_ENDPOINT_SOCKET", address))) {
                assertEquals("spiffe://spike.ist/spike/pilot/role/superuser", source.spiffeId().toString(), address);
            }
        }
    }

    @Test
    void noSocketFailsAtOnceNamingThePath() {
        Path nobody = ShortTempDirs.create("none").resolve("agent.sock");
        long started = System.nanoTime();
        var e = assertThrows(IdentityUnavailableException.class,
                () -> IdentitySources.openOnce(Map.of("SPIFFE_ENDPOINT_SOCKET", "unix://" + nobody)));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals("no SPIFFE Workload API socket at " + nobody + " (is the SPIRE agent running?"
                + " set SPIFFE_ENDPOINT_SOCKET or SPIKE_SVID_DIR)", e.getMessage());
        assertTrue(elapsedMs < 1_000, "gave up after " + elapsedMs + " ms");
    }

    @Test
    void aSocketNobodyAcceptsOnIsWaitedForThenNamed() throws Exception {
        Path stale = ShortTempDirs.create("stale").resolve("agent.sock");
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(stale)); // closing leaves the file: an agent that died
        }
        long started = System.nanoTime();
        var e = assertThrows(IdentityUnavailableException.class, () -> IdentitySources.openOnce(Map.of(
                "SPIFFE_ENDPOINT_SOCKET", "unix://" + stale, "SPIKE_SPIFFE_SOURCE_TIMEOUT", "1s")));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals("no X.509-SVID from the SPIFFE Workload API at unix://" + stale + " within 1s: the socket exists,"
                + " but nothing accepts connections on it (Connection refused) (is the SPIRE agent running, and is"
                + " this workload registered? set SPIFFE_ENDPOINT_SOCKET or SPIKE_SVID_DIR)", e.getMessage());
        assertTrue(elapsedMs >= 900 && elapsedMs < 5_000, "gave up after " + elapsedMs + " ms");
    }

    @Test
    void unixSocketAddresses() {
        assertEquals(Path.of("/run/agent.sock"), IdentitySources.unixSocketPath("unix:///run/agent.sock"));
        assertEquals(Path.of("/run/agent.sock"), IdentitySources.unixSocketPath("unix:/run/agent.sock"));
        assertEquals(Path.of("/run/agent.sock"), IdentitySources.unixSocketPath("/run/agent.sock"));
        assertEquals(null, IdentitySources.unixSocketPath("tcp://127.0.0.1:8081"));
        assertEquals(null, IdentitySources.unixSocketPath("unix://host/run/agent.sock"));
    }
}
