package ist.spike.common.spiffe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.testsupport.Await;
import ist.spike.common.testsupport.ShortTempDirs;
import ist.spike.devid.DevIdentityProvider;
import io.spiffe.spiffeid.TrustDomain;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkloadApiIdentitySourceTest {
    private static DevIdentityProvider provider;
    private static Path nexusSocket;

    @BeforeAll
    static void start() {
        provider = DevIdentityProvider.start(ShortTempDirs.create("wapi"), "spike.ist", Duration.ofMinutes(10));
        nexusSocket = provider.serve("nexus", "spiffe://spike.ist/spike/nexus");
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void getsItsIdAndBundleFromTheSocket() {
        try (var source = WorkloadApiIdentitySource.open("unix:" + nexusSocket, Duration.ofSeconds(10))) {
            assertEquals("spiffe://spike.ist/spike/nexus", source.spiffeId().toString());
            assertEquals("SPIFFE Workload API at unix:" + nexusSocket, source.description());
        }
    }

    @Test
    void acceptsEveryWayOfWritingTheSocket() throws Exception {
        for (String address : new String[] {"unix://" + nexusSocket, nexusSocket.toString()}) {
            try (var source = WorkloadApiIdentitySource.open(address, Duration.ofSeconds(10))) {
                var bundle = source.x509Source().getBundleForTrustDomain(TrustDomain.parse("spike.ist"));
                assertTrue(bundle.hasX509Authority(provider.caCertificate()), address);
            }
        }
    }

    @Test
    void followsRotation() throws Exception {
        Path socket = provider.serve("rotating", "spiffe://spike.ist/spike/keeper");
        try (var source = WorkloadApiIdentitySource.open("unix:" + socket, Duration.ofSeconds(10))) {
            BigInteger before = source.svid().getLeaf().getSerialNumber();
            provider.rotateNow();
            BigInteger rotated = provider.current("rotating").leaf().getSerialNumber();
            assertNotEquals(before, rotated);
            Await.until(Duration.ofSeconds(10), "the rotated SVID",
                    () -> source.svid().getLeaf().getSerialNumber().equals(rotated));
        }
    }

    @Test
    void nobodyListeningGivesAClearErrorWithinTheTimeout() {
        Path nobody = ShortTempDirs.create("none").resolve("agent.sock");
        long started = System.nanoTime();
        var e = assertThrows(IdentityUnavailableException.class,
                () -> WorkloadApiIdentitySource.open("unix://" + nobody, Duration.ofSeconds(1)));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals("no X.509-SVID from the SPIFFE Workload API at unix://" + nobody + " within 1s: there is no socket at "
                + nobody + " (is the SPIRE agent running, and is this workload registered?"
                + " set SPIFFE_ENDPOINT_SOCKET or SPIKE_SVID_DIR)", e.getMessage());
        assertTrue(elapsedMs < 5_000, "gave up after " + elapsedMs + " ms");
    }

    @Test
    void aSocketThatAppearsWhileAServerWaitsIsTaken() throws Exception {
        // A server may start before its agent: it waits for the socket (and names it if it never comes).
        Path late = ShortTempDirs.create("late").resolve("agent.sock");
        var opening = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> WorkloadApiIdentitySource.open("unix:" + late, Duration.ofSeconds(15)));
        Thread.sleep(1_500);
        try (var lateProvider = DevIdentityProvider.start(late.getParent().resolve("p"), "spike.ist", Duration.ofMinutes(10))) {
            java.nio.file.Files.createSymbolicLink(late, lateProvider.serve("late", "spiffe://spike.ist/spike/keeper"));
            try (var source = opening.get(15, java.util.concurrent.TimeUnit.SECONDS)) {
                assertEquals("spiffe://spike.ist/spike/keeper", source.spiffeId().toString());
            }
        }
    }

    @Test
    void aMalformedAddressIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> WorkloadApiIdentitySource.open("http://example.org/agent", Duration.ofSeconds(1)));
    }
}
