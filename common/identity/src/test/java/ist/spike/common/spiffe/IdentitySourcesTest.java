package ist.spike.common.spiffe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spiffe.exception.X509SourceException;
import ist.spike.common.config.ConfigException;
import ist.spike.common.testsupport.ShortTempDirs;
import ist.spike.devid.DevIdentityProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdentitySourcesTest {
    private static DevIdentityProvider provider;
    private static Path socket;
    private static Path svidDir;

    @BeforeAll
    static void start() {
        Path work = ShortTempDirs.create("srcs");
        provider = DevIdentityProvider.start(work, "spike.ist", Duration.ofMinutes(10));
        socket = provider.serve("nexus", "spiffe://spike.ist/spike/nexus");
        svidDir = provider.writeSvidFiles("spiffe://spike.ist/spike/keeper", work.resolve("keeper"));
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void theWorkloadApiWhenNoSvidDirIsSetFollowedByJavaSpiffe() {
        try (var source = IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", "unix://" + socket,
                "SPIKE_SPIFFE_SOURCE_TIMEOUT", "10s"))) {
            assertInstanceOf(WorkloadApiIdentitySource.class, source);
            assertEquals("spiffe://spike.ist/spike/nexus", source.spiffeId().toString());
        }
    }

    @Test
    void aWorkloadApiOverTcpGoesThroughJavaSpiffe() {
        var e = assertThrows(IdentityUnavailableException.class, () -> IdentitySources.open(Map.of(
                "SPIFFE_ENDPOINT_SOCKET", "tcp://127.0.0.1:9", "SPIKE_SPIFFE_SOURCE_TIMEOUT", "1s")));
        assertInstanceOf(X509SourceException.class, e.getCause(), "java-spiffe's DefaultX509Source failed");
        assertTrue(e.getMessage().startsWith("no X.509-SVID from the SPIFFE Workload API at tcp://127.0.0.1:9 within 1s: "),
                e.getMessage());
    }

    @Test
    void theClientChoiceIsTheOneShotFetchsAndServersOnlyCheckIt() {
        try (var source = IdentitySources.openOnce(Map.of("SPIFFE_ENDPOINT_SOCKET", "unix://" + socket,
                "SPIKE_WORKLOAD_API_CLIENT", "java-spiffe", "SPIKE_SPIFFE_SOURCE_TIMEOUT", "10s"))) {
            assertInstanceOf(WorkloadApiIdentitySource.class, source);
            assertEquals("spiffe://spike.ist/spike/nexus", source.spiffeId().toString());
        }
        try (var source = IdentitySources.openOnce(Map.of("SPIFFE_ENDPOINT_SOCKET", "unix://" + socket,
                "SPIKE_WORKLOAD_API_CLIENT", "builtin"))) {
            assertInstanceOf(FetchedIdentitySource.class, source);
        }
        try (var source = IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", "unix://" + socket,
                "SPIKE_WORKLOAD_API_CLIENT", "builtin"))) {
            assertInstanceOf(WorkloadApiIdentitySource.class, source);
        }
        var e = assertThrows(ConfigException.class, () -> IdentitySources.open(Map.of(
                "SPIFFE_ENDPOINT_SOCKET", "unix://" + socket, "SPIKE_WORKLOAD_API_CLIENT", "grpc")));
        assertEquals("SPIKE_WORKLOAD_API_CLIENT: \"grpc\" is not a Workload API client (expected builtin, the default,"
                + " or java-spiffe)", e.getMessage());
    }

    @Test
    void svidFilesWinOverTheSocket() {
        try (var source = IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", "unix://" + socket,
                "SPIKE_SVID_DIR", svidDir.toString()))) {
            assertInstanceOf(SvidFilesIdentitySource.class, source);
            assertEquals("spiffe://spike.ist/spike/keeper", source.spiffeId().toString());
        }
    }

    @Test
    void theTimeoutComesFromTheEnvironment() {
        Path nobody = ShortTempDirs.create("none").resolve("api.sock");
        var e = assertThrows(IdentityUnavailableException.class, () -> IdentitySources.open(Map.of(
                "SPIFFE_ENDPOINT_SOCKET", "unix:" + nobody, "SPIKE_SPIFFE_SOURCE_TIMEOUT", "1s")));
        assertEquals("no X.509-SVID from the SPIFFE Workload API at unix:" + nobody + " within 1s: there is no socket at "
                + nobody + " (is the SPIRE agent running, and is this workload registered? set SPIFFE_ENDPOINT_SOCKET"
                + " or SPIKE_SVID_DIR)", e.getMessage());
    }

    @Test
    void theSourceTimeoutIsAGoDurationOrTheDefault() {
        Duration fallback = Duration.ofSeconds(5);
        assertEquals(Duration.ofSeconds(30), IdentitySources.sourceTimeout("30s", fallback));
        assertEquals(Duration.ofSeconds(90), IdentitySources.sourceTimeout(" 1m30s ", fallback));
        assertEquals(Duration.ofMillis(1500), IdentitySources.sourceTimeout("1.5s", fallback));
        assertEquals(Duration.ofMillis(250), IdentitySources.sourceTimeout("250ms", fallback));
        for (String unreadable : new String[] {"30", "PT30S", "soon", "0s", "-1s", "", null}) {
            assertEquals(fallback, IdentitySources.sourceTimeout(unreadable, fallback), String.valueOf(unreadable));
        }
    }
}
