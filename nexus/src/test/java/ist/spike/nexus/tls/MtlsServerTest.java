package ist.spike.nexus.tls;

import static ist.spike.nexus.tls.TlsTestSupport.assertRefused;
import static ist.spike.nexus.tls.TlsTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.spiffe.SvidFilesIdentitySource;
import ist.spike.common.spiffe.WorkloadApiIdentitySource;
import ist.spike.common.testsupport.ShortTempDirs;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.devid.DevIdentityProvider;
import ist.spike.devid.SvidFiles;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who gets in: a Nexus-like server that accepts only the pilot superuser role. */
class MtlsServerTest {
    private static final Roles ROLES = Roles.defaults();
    private static final List<AutoCloseable> CLOSE = new ArrayList<>();
    private static Path work;
    private static DevIdentityProvider provider;
    private static DevIdentityProvider otherTrustDomain;
    private static WhoAmIServer server;

    @BeforeAll
    static void start() {
        work = ShortTempDirs.create("mtls");
        provider = DevIdentityProvider.start(work, "spike.ist", Duration.ofMinutes(10));
        otherTrustDomain = DevIdentityProvider.start(work.resolve("o"), "other.org", Duration.ofMinutes(10));
        IdentitySource nexus = socketIdentity(provider, "nexus", "spiffe://spike.ist/spike/nexus");
        server = WhoAmIServer.start(MtlsContexts.server(nexus, ROLES.predicate(Role.PILOT_SUPERUSER)));
        CLOSE.add(server);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : CLOSE.reversed()) {
            c.close();
        }
        provider.close();
        otherTrustDomain.close();
    }

    private static IdentitySource socketIdentity(DevIdentityProvider p, String name, String spiffeId) {
        var identity = WorkloadApiIdentitySource.open("unix:" + p.serve(name, spiffeId), Duration.ofSeconds(10));
        CLOSE.add(identity);
        return identity;
    }

    private static MtlsClient client(SSLContext context) {
        MtlsClient client = MtlsClient.create(context);
        CLOSE.add(client);
        return client;
    }

    /** A client that itself only talks to Nexus, as Pilot does. */
    private static MtlsClient pilotClient(IdentitySource identity) {
        return client(MtlsContexts.client(identity, ROLES.predicate(Role.NEXUS)));
    }

    @Test
    void theRightRoleGetsInAndTheHandlerSeesItsId() throws Exception {
        var superuser = socketIdentity(provider, "su", "spiffe://spike.ist/spike/pilot/role/superuser");
        MtlsResponse response = pilotClient(superuser).post(server.uri("/whoami"), "application/json", utf8("{}"));
        assertEquals(200, response.status());
        assertEquals("spiffe://spike.ist/spike/pilot/role/superuser", response.bodyText());
        assertEquals("true", response.headers().firstValue("X-Virtual-Thread").orElseThrow());
    }

    @Test
    void anIdBelowTheRolePathGetsIn() throws Exception {
        var alice = socketIdentity(provider, "alice", "spiffe://spike.ist/spike/pilot/role/superuser/alice");
        MtlsResponse response = pilotClient(alice).post(server.uri("/whoami"), "text/plain", new byte[0]);
        assertEquals("spiffe://spike.ist/spike/pilot/role/superuser/alice", response.bodyText());
    }

    @Test
    void theSvidFilesSourceWorksAsWell() throws Exception {
        Path dir = provider.writeSvidFiles("spiffe://spike.ist/spike/pilot/role/superuser", work.resolve("su-files"));
        try (var files = SvidFilesIdentitySource.open(dir)) {
            MtlsResponse response = pilotClient(files).post(server.uri("/whoami"), "text/plain", new byte[0]);
            assertEquals(200, response.status());
            assertEquals("spiffe://spike.ist/spike/pilot/role/superuser", response.bodyText());
        }
    }

    @Test
    void postsBytesWithTheirContentType() throws Exception {
        var superuser = socketIdentity(provider, "su2", "spiffe://spike.ist/spike/pilot/role/superuser");
        byte[] body = {0, 1, 2, (byte) 0xff};
        MtlsResponse response = pilotClient(superuser).post(server.uri("/echo"), "application/octet-stream", body);
        assertEquals(200, response.status());
        assertArrayEquals(body, response.body());
        assertEquals("application/octet-stream", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void answersAreNeverCompressed() throws Exception {
        var superuser = socketIdentity(provider, "su-gzip", "spiffe://spike.ist/spike/pilot/role/superuser");
        MtlsClient client = pilotClient(superuser);
        HttpRequest request = HttpRequest.newBuilder(server.uri("/big"))
                .header("Accept-Encoding", "gzip, deflate, br, zstd")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<byte[]> response = client.httpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Encoding").isEmpty(), "compressed answer");
        assertEquals(64 * 1024 + 8, response.body().length);
        assertTrue(response.headers().firstValue("Set-Cookie").isEmpty(), "session cookie");
    }

    @Test
    void anotherRoleIsRefusedAtTheHandshake() throws Exception {
        var keeper = socketIdentity(provider, "keeper", "spiffe://spike.ist/spike/keeper");
        MtlsClient client = client(TlsTestSupport.trustingClient(keeper));
        assertRefused(server, () -> client.post(server.uri("/whoami"), "text/plain", new byte[0]));
    }

    @Test
    void aNameThatOnlyStartsLikeTheRoleIsRefused() throws Exception {
        var evil = socketIdentity(provider, "evil", "spiffe://spike.ist/spike/pilot/role/superuserevil");
        MtlsClient client = client(TlsTestSupport.trustingClient(evil));
        assertRefused(server, () -> client.post(server.uri("/whoami"), "text/plain", new byte[0]));
    }

    @Test
    void theRightPathInAnotherTrustDomainIsRefused() throws Exception {
        var foreign = socketIdentity(otherTrustDomain, "su", "spiffe://other.org/spike/pilot/role/superuser");
        MtlsClient client = client(TlsTestSupport.trustingClient(foreign));
        assertRefused(server, () -> client.post(server.uri("/whoami"), "text/plain", new byte[0]));
    }

    @Test
    void aClientWithoutCertificateIsRefused() throws Exception {
        MtlsClient client = client(TlsTestSupport.anonymousClient());
        assertRefused(server, () -> client.post(server.uri("/whoami"), "text/plain", new byte[0]));
    }

    @Test
    void anExpiredSvidIsRefused() throws Exception {
        Instant now = Instant.now();
        Path dir = work.resolve("expired");
        SvidFiles.write(provider.mint("spiffe://spike.ist/spike/pilot/role/superuser",
                now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))), dir);
        try (var expired = SvidFilesIdentitySource.open(dir)) {
            MtlsClient client = client(TlsTestSupport.trustingClient(expired));
            assertRefused(server, () -> client.post(server.uri("/whoami"), "text/plain", new byte[0]));
        }
    }

    @Test
    void aClientRefusesAServerWithTheWrongRole() throws Exception {
        var superuser = socketIdentity(provider, "su3", "spiffe://spike.ist/spike/pilot/role/superuser");
        MtlsClient expectsKeeper = client(MtlsContexts.client(superuser, ROLES.predicate(Role.KEEPER)));
        var e = assertRefused(server, () -> expectsKeeper.post(server.uri("/whoami"), "text/plain", new byte[0]));
        assertInstanceOf(javax.net.ssl.SSLException.class, e, e.toString());
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.append(t).append(" / ");
        }
        // SunJSSE carries the reason in the message, BCJSSE (FIPS mode) in a cause.
        assertTrue(chain.toString().contains("spiffe://spike.ist/spike/nexus is not accepted here"), chain.toString());
    }
}
