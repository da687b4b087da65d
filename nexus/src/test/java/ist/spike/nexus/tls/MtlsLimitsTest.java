package ist.spike.nexus.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import ist.spike.devid.MintedSvid;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Protocol versions and cipher suites, header size, the deadlines against slow clients (first request,
 * every later request's headers and body), and connections outliving their client's certificate.
 */
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
                        .withBodyTimeout(DEADLINE).withRequestHeaderSizeBytes(2048));
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

    @Test
    void tls12OffersOnlyEcdheWithAeadSuites() throws Exception {
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", handshake("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
        // ECDHE but CBC with HMAC (no AEAD): the JDK enables these by default, the server must not.
        assertThrows(IOException.class, () -> handshake("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"));
        assertThrows(IOException.class, () -> handshake("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"));
        assertThrows(IOException.class, () -> handshake("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"));
    }

    /** A TLS 1.2 handshake offering only {@code suite}; the suite agreed on. */
    private static String handshake(String suite) throws IOException {
        try (SSLSocket socket = (SSLSocket) pilotContext.getSocketFactory().createSocket("127.0.0.1", server.app.port())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {suite});
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }

    @Test
    void aClientTricklingItsNextRequestIsClosedAtTheDeadlineWhileOthersAreServed() throws Exception {
        try (SSLSocket socket = connectAndAskOnce()) {
            // The second request on the kept-alive connection: a byte at a time, each well within the idle
            // timeout, so only a deadline from the request's first byte ends it.
            long started = System.nanoTime();
            Thread trickle = trickle(socket, "POST /whoami HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(200));
            try {
                assertEquals(200, send(MtlsContexts.PROTOCOLS.toArray(String[]::new), whoami()).statusCode());
                assertClosedWithin(socket.getInputStream(), socket, Duration.ofSeconds(5), started);
            } finally {
                trickle.interrupt();
            }
        }
    }

    @Test
    void aClientTricklingARequestBodyIsClosedAtTheBodyDeadline() throws Exception {
        try (SSLSocket socket = connectAndAskOnce()) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            Thread trickle = trickle(socket, "b".repeat(1000));
            try {
                assertEquals(200, send(MtlsContexts.PROTOCOLS.toArray(String[]::new), whoami()).statusCode());
                assertClosedWithin(socket.getInputStream(), socket, Duration.ofSeconds(5), started);
            } finally {
                trickle.interrupt();
            }
        }
    }

    @Test
    void aConnectionIsClosedWhenTheClientCertificateExpires() throws Exception {
        Instant now = Instant.now();
        MintedSvid shortLived = provider.mint("spiffe://spike.ist/spike/pilot/role/superuser",
                now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofSeconds(2)));
        try (SSLSocket socket = (SSLSocket) presenting(shortLived).getSocketFactory()
                .createSocket("127.0.0.1", server.app.port())) {
            socket.setEnabledProtocols(MtlsContexts.PROTOCOLS.toArray(String[]::new));
            askOnce(socket);
            // Nothing more is sent: a kept-alive connection the idle timeout (30 s) would keep.
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            try {
                while (in.read() != -1) {
                    // until the server closes
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("connection still open long after the certificate expired");
            } catch (IOException closedHard) {
                // reset or TLS close: closed either way
            }
            assertTrue(!Instant.now().isBefore(shortLived.leaf().getNotAfter().toInstant()),
                    "closed before the certificate expired");
        }
    }

    @Test
    void pastTheConnectionCapNewClientsWaitWhileConnectedOnesAreServed() throws Exception {
        Roles roles = Roles.defaults();
        try (WhoAmIServer capped = new WhoAmIServer(MtlsContexts.server(nexus, roles.predicate(Role.PILOT_SUPERUSER)),
                MtlsServerOptions.listen("127.0.0.1", 0).withMaxConnections(3))) {
            List<SSLSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(connectAndAskOnce(capped.app.port()));
                }
                try (SSLSocket extra = (SSLSocket) pilotContext.getSocketFactory()
                        .createSocket("127.0.0.1", capped.app.port())) {
                    extra.setSoTimeout(1_500);
                    assertThrows(SocketTimeoutException.class, extra::startHandshake, "a fourth connection got in");
                }
                askOnce(held.get(0)); // those connected are still served
                held.remove(0).close();
                held.add(connectAndAskOnce(capped.app.port())); // and a closed one makes room
            } finally {
                for (SSLSocket socket : held) {
                    socket.close();
                }
            }
        }
    }

    private static SSLContext presenting(MintedSvid svid) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "test".toCharArray();
        store.setKeyEntry("svid", svid.privateKey(), password, svid.chain().toArray(new Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore roots = KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        roots.setCertificateEntry("ca", provider.caCertificate());
        trust.init(roots);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** A kept-alive connection that has made one complete request. */
    private static SSLSocket connectAndAskOnce() throws IOException {
        return connectAndAskOnce(server.app.port());
    }

    private static SSLSocket connectAndAskOnce(int port) throws IOException {
        SSLSocket socket = (SSLSocket) pilotContext.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setEnabledProtocols(MtlsContexts.PROTOCOLS.toArray(String[]::new));
        askOnce(socket);
        return socket;
    }

    private static void askOnce(SSLSocket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("POST /whoami HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(5_000);
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
        in.readNBytes(length);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the answer: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Sends {@code text} a byte every 100 ms from another thread, until done, interrupted or closed. */
    private static Thread trickle(SSLSocket socket, String text) {
        return Thread.ofPlatform().daemon().start(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // closed by the server, or the test is over
            }
        });
    }

    private static void assertClosedWithin(InputStream in, Socket socket, Duration limit) throws IOException {
        assertClosedWithin(in, socket, limit, System.nanoTime());
    }

    /** Closed by the server within {@code limit}, but not before half the deadline since {@code started}. */
    private static void assertClosedWithin(InputStream in, Socket socket, Duration limit, long started)
            throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
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
