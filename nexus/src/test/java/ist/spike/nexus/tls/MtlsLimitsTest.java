package ist.spike.nexus.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.spiffe.WorkloadApiIdentitySource;
import ist.spike.common.testsupport.ShortTempDirs;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsServerOptions;
import ist.spike.devid.DevIdentityProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Protocol versions, header size, and the first-request deadline against slow clients. */
class MtlsLimitsTest {
    private static final Duration DEADLINE = Duration.ofMillis(500);
    private static DevIdentityProvider provider;
    private static IdentitySource nexus;
    private static IdentitySource pilot;
    private static WhoAmIServer server;
    private static SSLContext pilotContext;

    @BeforeAll
    static void start() {
        provider = DevIdentityProvider.start(ShortTempDirs.create("lim"), "spike.ist", Duration.ofMinutes(10));
        nexus = WorkloadApiIdentitySource.open("unix:" + provider.serve("nexus", "spiffe://spike.ist/spike/nexus"),
                Duration.ofSeconds(10));
        pilot = WorkloadApiIdentitySource.open(
                "unix:" + provider.serve("su", "spiffe://spike.ist/spike/pilot/role/superuser"), Duration.ofSeconds(10));
        Roles roles = Roles.defaults();
        server = new WhoAmIServer(MtlsContexts.server(nexus, roles.predicate(Role.PILOT_SUPERUSER)),
                MtlsServerOptions.listen("127.0.0.1", 0).withFirstRequestTimeout(DEADLINE)
                        .withRequestHeaderSizeBytes(2048));
        pilotContext = MtlsContexts.client(pilot, roles.predicate(Role.NEXUS));
    }

    @AfterAll
    static void stop() {
        server.close();
        nexus.close();
        pilot.close();
        provider.close();
    }

    private static HttpResponse<String> send(String[] protocols, HttpRequest request) throws Exception {
        SSLParameters parameters = MtlsContexts.parameters(pilotContext);
        parameters.setProtocols(protocols);
        try (HttpClient client = HttpClient.newBuilder().sslContext(pilotContext).sslParameters(parameters)
                .version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static HttpRequest whoami() {
        return HttpRequest.newBuilder(server.uri("/whoami")).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    @Test
    void tls13IsNegotiatedByDefault() throws Exception {
        var response = send(MtlsContexts.PROTOCOLS.toArray(String[]::new), whoami());
        assertEquals("TLSv1.3", response.sslSession().orElseThrow().getProtocol());
    }

    @Test
    void tls12IsStillAccepted() throws Exception {
        var response = send(new String[] {"TLSv1.2"}, whoami());
        assertEquals(200, response.statusCode());
        assertEquals("TLSv1.2", response.sslSession().orElseThrow().getProtocol());
    }

    @Test
    void nothingOlderThanTls12IsEnabledOnEitherSide() {
        // A TLS 1.1 client cannot show this: the JDK refuses to even offer 1.1. So check the settings.
        var connector = (ServerConnector) server.app.jettyServer().server().getConnectors()[0];
        var tls = connector.getConnectionFactory(SslConnectionFactory.class).getSslContextFactory();
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(tls.getSelectedProtocols()));
        assertEquals(1, server.app.jettyServer().server().getConnectors().length, "no plaintext connector");
        try (var client = MtlsClient.create(pilotContext)) {
            assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(client.httpClient().sslParameters().getProtocols()));
        }
    }

    @Test
    void oversizedRequestHeadersGet431() throws Exception {
        var request = HttpRequest.newBuilder(server.uri("/whoami")).header("X-Big", "a".repeat(4096))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertEquals(431, send(MtlsContexts.PROTOCOLS.toArray(String[]::new), request).statusCode());
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheDeadline() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.app.port()));
            assertClosedWithin(socket.getInputStream(), socket, Duration.ofSeconds(3));
        }
    }

    @Test
    void aHandshakeWithoutARequestIsClosedAtTheDeadline() throws Exception {
        try (SSLSocket socket = (SSLSocket) pilotContext.getSocketFactory().createSocket("127.0.0.1", server.app.port())) {
            socket.setEnabledProtocols(MtlsContexts.PROTOCOLS.toArray(String[]::new));
            socket.startHandshake();
            socket.getOutputStream().write("POST /whoami HTTP/1.1\r\nHost: x\r\n".getBytes()); // never finished
            socket.getOutputStream().flush();
            assertClosedWithin(socket.getInputStream(), socket, Duration.ofSeconds(3));
        }
    }

    @Test
    void aSlowHandlerIsNotCutOffByTheDeadline() throws Exception {
        var request = HttpRequest.newBuilder(server.uri("/slow")).POST(HttpRequest.BodyPublishers.noBody()).build();
        var response = send(MtlsContexts.PROTOCOLS.toArray(String[]::new), request);
        assertEquals(200, response.statusCode());
        assertEquals("done", response.body());
    }

    private static void assertClosedWithin(InputStream in, Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        long started = System.nanoTime();
        try {
            while (in.read() != -1) {
                // drain whatever the server says before it closes (a TLS alert, perhaps)
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after " + limit);
        } catch (IOException closedHard) {
            // reset or TLS close: closed either way
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMs >= DEADLINE.toMillis() / 2, "closed too early: " + elapsedMs + " ms");
    }
}
