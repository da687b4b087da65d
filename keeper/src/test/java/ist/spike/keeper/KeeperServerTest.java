package ist.spike.keeper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.audit.AuditMode;
import ist.spike.common.audit.AuditSettings;
import ist.spike.common.audit.AuditSink;
import ist.spike.common.config.ListenAddress;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsServerOptions;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.devid.DevIdentityProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real keeper on a free port, called over mTLS by the identities the dev identity provider hands out. */
class KeeperServerTest {
    private static final Duration FIRST_REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final int MAX_CONNECTIONS = 6;
    private static final Roles ROLES = Roles.defaults();
    private static final List<AutoCloseable> CLOSE = new ArrayList<>();
    private static DevIdentityProvider provider;
    private static KeeperServer keeper;
    private static MtlsClient nexus;

    @BeforeAll
    static void start() throws IOException {
        Path dir = Files.createTempDirectory("kst");
        provider = DevIdentityProvider.start(dir, "spike.ist", Duration.ofMinutes(10));
        IdentitySource keeperId = identity("keeper", "spiffe://spike.ist/spike/keeper");
        AuditSink audit = AuditSink.open(new AuditSettings(dir.resolve("audit.log"), false, AuditMode.FAIL_CLOSED,
                Duration.ofSeconds(5)), "the keeper");
        CLOSE.add(audit);
        keeper = KeeperMain.start(keeperId, ROLES, MtlsServerOptions.listen("127.0.0.1", 0)
                .withFirstRequestTimeout(FIRST_REQUEST_TIMEOUT).withMaxConnections(MAX_CONNECTIONS), new ShardHolder(),
                audit);
        nexus = clientAs("nexus", "spiffe://spike.ist/spike/nexus");
    }

    @AfterAll
    static void stop() throws Exception {
        keeper.close();
        for (AutoCloseable c : CLOSE.reversed()) {
            c.close();
        }
        provider.close();
    }

    private static IdentitySource identity(String name, String spiffeId) {
        IdentitySource identity = IdentitySources.open(
                Map.of(IdentitySources.SPIFFE_ENDPOINT_SOCKET, "unix:" + provider.serve(name, spiffeId)));
        CLOSE.add(identity);
        return identity;
    }

    /** A client that only talks to keepers, as Nexus does. */
    private static MtlsClient clientAs(String name, String spiffeId) {
        return client(MtlsContexts.client(identity(name, spiffeId), ROLES.predicate(Role.KEEPER)));
    }

    private static MtlsClient client(SSLContext context) {
        MtlsClient client = MtlsClient.create(context);
        CLOSE.add(client);
        return client;
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("https://localhost:" + keeper.port() + pathAndQuery);
    }

    private static MtlsResponse post(MtlsClient client, String path, String json) throws Exception {
        return client.post(uri(path), "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String shardJson(int fill) {
        return IntStream.range(0, 32).mapToObj(i -> Integer.toString((fill + i) % 256))
                .collect(Collectors.joining(",", "{\"shard\":[", "]}"));
    }

    @Test
    void nexusContributesAShardAndReadsItBack() throws Exception {
        MtlsResponse put = post(nexus, "/v1/store/contribute", shardJson(7));
        assertEquals(200, put.status());
        MtlsResponse get = post(nexus, "/v1/store/shard", "{}");
        assertEquals(200, get.status());
        assertTrue(get.bodyText().startsWith(shardJson(7).replace("]}", "]")), get.bodyText());
        assertEquals("no-store, no-cache, must-revalidate, private", get.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("application/json", get.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void anyOtherIdentityIsRefusedAtTheHandshake() {
        IdentitySource pilot = identity("pilot", "spiffe://spike.ist/spike/pilot/role/superuser");
        MtlsClient trustsAnyServer = client(MtlsContexts.client(pilot, id -> true));
        assertThrows(IOException.class, () -> post(trustsAnyServer, "/v1/store/shard", "{}"));
    }

    /** Also that a connection stays usable after an answer to a request whose body no route wanted. */
    @Test
    void badRequestsChangeNothing() throws Exception {
        assertEquals(200, post(nexus, "/v1/store/contribute", shardJson(3)).status());
        String zero = IntStream.range(0, 32).mapToObj(i -> "0").collect(Collectors.joining(",", "{\"shard\":[", "]}"));
        for (String body : List.of(zero, "{\"shard\":[1,2,3]}", "{", "{\"shard\":null}", " ".repeat(5000))) {
            MtlsResponse answer = post(nexus, "/v1/store/contribute", body);
            assertEquals(400, answer.status(), body);
            assertTrue(answer.bodyText().contains("\"api_bad_request\""), answer.bodyText());
        }
        for (String path : List.of("/v1/store/other", "/", "/v1/store/shard?action=get", "/v1/store/shard/")) {
            MtlsResponse answer = post(nexus, path, "{}");
            assertEquals(400, answer.status(), path);
            assertEquals("{\"err\":\"api_bad_request\"}", answer.bodyText());
        }
        var get = HttpRequest.newBuilder(uri("/v1/store/shard")).GET().build();
        assertEquals(400, nexus.httpClient().send(get, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertTrue(post(nexus, "/v1/store/shard", "{}").bodyText().startsWith(shardJson(3).replace("]}", "]")));
    }

    @Test
    void answersAreNeverCompressed() throws Exception {
        var request = HttpRequest.newBuilder(uri("/v1/store/shard")).header("Accept-Encoding", "gzip, deflate, br")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        var response = nexus.httpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(response.headers().firstValue("Content-Encoding").isEmpty());
    }

    @Test
    void tls12AndTls13OnlyAndTls13Preferred() throws Exception {
        SSLContext context = MtlsContexts.client(identity("nexus-tls", "spiffe://spike.ist/spike/nexus"),
                ROLES.predicate(Role.KEEPER));
        assertEquals("TLSv1.3", negotiated(context, "TLSv1.3", "TLSv1.2"));
        assertEquals("TLSv1.2", negotiated(context, "TLSv1.2"));
        assertThrows(IOException.class, () -> negotiated(context, "TLSv1.1"));
    }

    @Test
    void tls12OffersOnlyEcdheWithAeadSuites() throws Exception {
        SSLContext context = MtlsContexts.client(identity("nexus-suites", "spiffe://spike.ist/spike/nexus"),
                ROLES.predicate(Role.KEEPER));
        // Retried: the connection-cap test may have just filled the keeper, which frees slots on its own time.
        String agreed = null;
        for (int i = 0; i < 50 && agreed == null; i++) {
            try {
                agreed = handshake(context, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
            } catch (IOException full) {
                Thread.sleep(100);
            }
        }
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", agreed);
        // ECDHE but CBC with HMAC: the JDK enables it by default, the keeper must not.
        assertThrows(IOException.class, () -> handshake(context, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"));
    }

    /** A TLS 1.2 request offering only {@code suite}; the suite agreed on. */
    private static String handshake(SSLContext context, String suite) throws Exception {
        SSLParameters parameters = MtlsContexts.parameters(context);
        parameters.setProtocols(new String[] {"TLSv1.2"});
        parameters.setCipherSuites(new String[] {suite});
        try (HttpClient client = HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                .version(HttpClient.Version.HTTP_1_1).build()) {
            var request = HttpRequest.newBuilder(uri("/v1/store/shard")).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString()).sslSession().orElseThrow().getCipherSuite();
        }
    }

    private static String negotiated(SSLContext context, String... protocols) throws Exception {
        SSLParameters parameters = MtlsContexts.parameters(context);
        parameters.setProtocols(protocols);
        try (HttpClient client = HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                .version(HttpClient.Version.HTTP_1_1).build()) {
            var request = HttpRequest.newBuilder(uri("/v1/store/shard")).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString()).sslSession().orElseThrow().getProtocol();
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", keeper.port()));
            assertClosedWithin(socket, Duration.ofSeconds(5));
        }
    }

    @Test
    void aHandshakeWithAnUnfinishedRequestIsClosed() throws Exception {
        SSLContext context = MtlsContexts.client(identity("nexus-slow", "spiffe://spike.ist/spike/nexus"),
                ROLES.predicate(Role.KEEPER));
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", keeper.port())) {
            socket.setEnabledProtocols(MtlsContexts.PROTOCOLS.toArray(String[]::new));
            socket.startHandshake();
            socket.getOutputStream().write("POST /v1/store/shard HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertClosedWithin(socket, Duration.ofSeconds(5));
        }
    }

    @Test
    void oversizedRequestHeadersAreRefused() throws Exception {
        var request = HttpRequest.newBuilder(uri("/v1/store/shard")).header("X-Big", "a".repeat(10_000))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        try {
            int status = nexus.httpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            assertNotEquals(200, status);
        } catch (IOException closed) {
            // the JDK server may simply close the connection: refused either way
        }
    }

    @Test
    void pastTheConnectionCapNewConnectionsAreClosed() throws Exception {
        SSLContext context = MtlsContexts.client(identity("nexus-many", "spiffe://spike.ist/spike/nexus"),
                ROLES.predicate(Role.KEEPER));
        List<SSLSocket> held = new ArrayList<>();
        int refused = 0;
        try {
            // Other tests' clients may hold pooled connections: the cap is reached at the latest at the last.
            for (int i = 0; i <= MAX_CONNECTIONS && refused == 0; i++) {
                SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", keeper.port());
                socket.setSoTimeout(5_000);
                held.add(socket);
                try {
                    socket.startHandshake();
                } catch (IOException closed) {
                    refused++;
                }
            }
            assertEquals(1, refused, "a connection past the cap was not closed");
        } finally {
            for (SSLSocket socket : held) {
                socket.close();
            }
        }
        // Room again once they are gone (the keeper notices closed connections on its own time).
        MtlsResponse after = null;
        for (int i = 0; i < 50 && after == null; i++) {
            try {
                after = post(nexus, "/v1/store/shard", "{}");
            } catch (IOException stillFull) {
                Thread.sleep(100);
            }
        }
        assertTrue(after != null, "not served after the held connections closed");
    }

    @Test
    void theShardHolderRefusesWhatTheWireWouldNot() {
        ShardHolder holder = new ShardHolder();
        assertTrue(!holder.set(new byte[31]) && !holder.set(new byte[32]) && holder.copy() == null);
        byte[] value = new byte[32];
        value[5] = 1;
        assertTrue(holder.set(value));
        assertArrayEquals(value, holder.copy());
        holder.clear();
        assertEquals(null, holder.copy());
    }

    private static void assertClosedWithin(Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // whatever the server says before it closes (a TLS alert, perhaps)
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after " + limit);
        } catch (IOException closedHard) {
            // reset or TLS close: closed either way
        }
    }
}
