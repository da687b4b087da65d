package ist.spike.nexus.tls;

import ist.spike.common.spiffe.PeerIds;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsServerOptions;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Makes a Javalin 7 app an mTLS-only server: one HTTPS connector (no plaintext listener) that
 * demands a client certificate, plus handlers on virtual threads. Who may connect is decided by the
 * SSLContext (see {@link MtlsContexts#server}); handlers read the caller with {@link #peerId}.
 *
 * <pre>{@code
 * SSLContext tls = MtlsContexts.server(identity, roles.anyOf(Role.NEXUS, Role.BOOTSTRAP));
 * Javalin app = Javalin.create(cfg -> {
 *     MtlsServer.install(cfg, tls, MtlsServerOptions.listen("0.0.0.0", 8443));
 *     cfg.routes.post("/v1/store/contribute", ctx -> handle(MtlsServer.peerId(ctx), ctx));
 * }).start();
 * }</pre>
 */
public final class MtlsServer {
    /** Where the servlet layer puts the client's validated chain (needs SecureRequestCustomizer). */
    static final String CLIENT_CHAIN_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    /**
     * IDs of recently seen client leaf certificates. Reading the SAN extension and parsing the ID cost
     * more per request than this lookup; Jetty hands out the same certificate object for every request
     * of a TLS session, so the lookup is an identity hit. The ID is a function of the certificate's
     * bytes (what equals compares), and trust was decided by the handshake, so nothing else is cached.
     */
    private static final Map<X509Certificate, SpiffeId> IDS = new ConcurrentHashMap<>();
    private static final int IDS_LIMIT = 1024; // SVIDs rotate: start over rather than grow

    private MtlsServer() {}

    /** Installs the mTLS connector as the app's only connector, and virtual-thread handlers. */
    public static void install(JavalinConfig cfg, SSLContext sslContext, MtlsServerOptions options) {
        JettyMemoryLayout.describe();
        cfg.concurrency.useVirtualThreads = true;
        // Javalin's virtual-thread pool runs every Jetty task on a new virtual thread, the selector loop
        // included. Jetty's own split is cheaper per request: selector and acceptor on a few platform
        // threads, and only the blocking work (reading, handling and answering a request) on virtual threads.
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("mtls-server");
        pool.setVirtualThreadsExecutor(
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("mtls-", 0).factory()));
        cfg.jetty.threadPool = pool;
        // API servers: no compressed answers (a secret compressed next to request-chosen text leaks
        // through the length, as in BREACH) and no HTTP sessions (Javalin always installs a session
        // handler; without cookies or URI parameters it finds no session ID). Both also cost time on
        // every request: the compression check on the first write, cookie parsing for a session ID.
        cfg.http.compressionStrategy = CompressionStrategy.NONE;
        cfg.jetty.modifyServletContextHandler(handler -> {
            handler.getSessionHandler().setUsingCookies(false);
            handler.getSessionHandler().setUsingUriParameters(false);
        });
        cfg.jetty.addConnector((server, baseHttpConfig) -> {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setSslContext(sslContext);
            tls.setNeedClientAuth(true);
            tls.setIncludeProtocols(MtlsContexts.PROTOCOLS.toArray(String[]::new));
            tls.setIncludeCipherSuites(MtlsContexts.cipherSuites(sslContext));
            tls.setEndpointIdentificationAlgorithm(null);

            HttpConfiguration https = new HttpConfiguration(baseHttpConfig);
            https.getCustomizers().removeIf(c -> c instanceof SecureRequestCustomizer);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // SVIDs carry no DNS names
            https.addCustomizer(secure);
            https.setRequestHeaderSize(options.requestHeaderSizeBytes());
            https.setSendServerVersion(false);
            https.setSendXPoweredBy(false);

            ServerConnector connector = new ServerConnector(server,
                    new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
            connector.setHost(options.host());
            connector.setPort(options.port());
            connector.setIdleTimeout(options.idleTimeout().toMillis());
            connector.addEventListener(new ConnectionDeadlines(options, connector.getScheduler()));
            // At the cap Jetty stops accepting: further clients wait in the kernel's backlog until a
            // connection closes (the deadlines above bound how long one can be held).
            // Meanwhile idle connections get the first-request timeout instead of the idle timeout.
            NetworkConnectionLimit limit = new NetworkConnectionLimit(options.maxConnections(), connector);
            limit.setEndPointIdleTimeout(options.firstRequestTimeout().toMillis());
            server.addBean(limit);
            return connector;
        });
    }

    /**
     * The caller's SPIFFE ID, from the chain the TLS handshake validated.
     *
     * @throws IllegalStateException if the request came without a client certificate (not an mTLS connector)
     */
    public static SpiffeId peerId(Context ctx) {
        Object chain = ctx.req().getAttribute(CLIENT_CHAIN_ATTRIBUTE);
        if (!(chain instanceof X509Certificate[] certificates) || certificates.length == 0) {
            throw new IllegalStateException("request has no client certificate; is it served by MtlsServer?");
        }
        SpiffeId known = IDS.get(certificates[0]);
        if (known != null) {
            return known;
        }
        try {
            SpiffeId id = PeerIds.fromChain(certificates);
            if (IDS.size() >= IDS_LIMIT) {
                IDS.clear();
            }
            IDS.put(certificates[0], id);
            return id;
        } catch (CertificateException e) {
            // The trust manager already required a single URI SAN, so this is a wiring error.
            throw new IllegalStateException("client certificate has no usable SPIFFE ID: " + e.getMessage(), e);
        }
    }
}
