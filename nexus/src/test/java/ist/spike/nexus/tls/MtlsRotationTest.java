package ist.spike.nexus.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.spiffe.SvidFilesIdentitySource;
import ist.spike.common.spiffe.WorkloadApiIdentitySource;
import ist.spike.common.testsupport.Await;
import ist.spike.common.testsupport.ShortTempDirs;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.devid.DevIdentityProvider;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SVIDs rotate under running servers and clients; new connections use the new ones. */
class MtlsRotationTest {
    private static final Roles ROLES = Roles.defaults();

    /** What one request saw: the server's certificate serial and the client serial the server saw. */
    private record Seen(int status, BigInteger serverSerial, BigInteger clientSerial) {}

    private static Seen call(MtlsClient client, WhoAmIServer server) throws Exception {
        HttpResponse<String> response = client.httpClient().send(
                HttpRequest.newBuilder(server.uri("/whoami")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        var serverLeaf = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
        return new Seen(response.statusCode(), serverLeaf.getSerialNumber(),
                new BigInteger(response.headers().firstValue("X-Client-Serial").orElseThrow(), 16));
    }

    /** A client with its own SSLContext, so its first connection is a full handshake. */
    private static MtlsClient freshClient(IdentitySource identity) {
        return MtlsClient.create(MtlsContexts.client(identity, ROLES.predicate(Role.NEXUS)));
    }

    /** The two Workload API clients that follow rotations. */
    enum WorkloadApiClient {
        JAVA_SPIFFE {
            @Override
            IdentitySource open(Path socket) {
                return WorkloadApiIdentitySource.open("unix:" + socket, Duration.ofSeconds(10));
            }
        },
        BUILT_IN_STREAM {
            @Override
            IdentitySource open(Path socket) {
                return IdentitySources.open(Map.of(IdentitySources.SPIFFE_ENDPOINT_SOCKET, "unix:" + socket));
            }
        };

        abstract IdentitySource open(Path socket);
    }

    @ParameterizedTest
    @EnumSource(WorkloadApiClient.class)
    void rotationMidRunKeepsWorkingAndNewConnectionsUseTheNewSvids(WorkloadApiClient workloadApi) throws Exception {
        try (var provider = DevIdentityProvider.start(ShortTempDirs.create("rot"), "spike.ist", Duration.ofMinutes(10));
             var nexus = workloadApi.open(provider.serve("nexus", "spiffe://spike.ist/spike/nexus"));
             var pilot = workloadApi.open(provider.serve("su", "spiffe://spike.ist/spike/pilot/role/superuser"));
             var server = WhoAmIServer.start(MtlsContexts.server(nexus, ROLES.predicate(Role.PILOT_SUPERUSER)));
             var longLived = freshClient(pilot)) {

            Seen before = call(longLived, server);
            assertEquals(200, before.status());
            assertEquals(provider.current("nexus").leaf().getSerialNumber(), before.serverSerial());
            assertEquals(provider.current("su").leaf().getSerialNumber(), before.clientSerial());

            provider.rotateNow();
            BigInteger newServer = provider.current("nexus").leaf().getSerialNumber();
            BigInteger newClient = provider.current("su").leaf().getSerialNumber();
            assertNotEquals(before.serverSerial(), newServer);
            Await.until(Duration.ofSeconds(10), "both sources to see the rotation",
                    () -> nexus.svid().getLeaf().getSerialNumber().equals(newServer)
                            && pilot.svid().getLeaf().getSerialNumber().equals(newClient));

            assertEquals(200, call(longLived, server).status(), "the running client keeps working");
            try (var fresh = freshClient(pilot)) {
                Seen after = call(fresh, server);
                assertEquals(200, after.status());
                assertEquals(newServer, after.serverSerial(), "server presents its new SVID");
                assertEquals(newClient, after.clientSerial(), "client presents its new SVID");
            }
        }
    }

    @Test
    void afterTheFirstSvidsExpireNewConnectionsStillSucceed() throws Exception {
        Path work = ShortTempDirs.create("exp");
        try (var provider = DevIdentityProvider.start(work, "spike.ist", Duration.ofSeconds(3));
             var nexus = WorkloadApiIdentitySource.open(
                     "unix:" + provider.serve("nexus", "spiffe://spike.ist/spike/nexus"), Duration.ofSeconds(10));
             var pilotFiles = SvidFilesIdentitySource.open(provider.writeSvidFiles(
                     "spiffe://spike.ist/spike/pilot/role/superuser", work.resolve("su")), Duration.ofMillis(100));
             var server = WhoAmIServer.start(MtlsContexts.server(nexus, ROLES.predicate(Role.PILOT_SUPERUSER)))) {

            Instant firstExpiry = nexus.svid().getLeaf().getNotAfter().toInstant();
            Instant clientExpiry = pilotFiles.svid().getLeaf().getNotAfter().toInstant();
            try (var client = freshClient(pilotFiles)) {
                assertEquals(200, call(client, server).status());
            }
            Instant later = (firstExpiry.isAfter(clientExpiry) ? firstExpiry : clientExpiry).plusMillis(200);
            Await.until(Duration.ofSeconds(10), "the first SVIDs to expire", () -> Instant.now().isAfter(later));

            try (var client = freshClient(pilotFiles)) {
                Seen seen = call(client, server);
                assertEquals(200, seen.status());
                assertTrue(nexus.svid().getLeaf().getNotAfter().toInstant().isAfter(Instant.now()));
                assertEquals(nexus.svid().getLeaf().getSerialNumber(), seen.serverSerial());
            }
        }
    }
}
