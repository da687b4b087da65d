package ist.spike.keeper;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The keeper's mTLS listener, on the JDK's own HTTPS server rather than Jetty: a keeper answers two
 * small requests every few seconds, and Jetty's classes alone cost more memory than the keeper's
 * budget. Same rules as Nexus's listener: HTTPS only, a client certificate demanded, TLS 1.2 and 1.3,
 * no compression, handlers on virtual threads.
 *
 * <p>The JDK server's limits are JVM-wide system properties read once, when its first instance is
 * made; a keeper process has one server, so they are set here from the options.
 */
public final class KeeperServer implements AutoCloseable {
    private static final int STOP_GRACE_SECONDS = 1;

    private final HttpsServer server;
    private final ExecutorService handlers;
    private volatile boolean serving = true;

    private KeeperServer(HttpsServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    /** Listens on {@code options.host():options.port()} and passes every request to {@code handler}. */
    public static KeeperServer start(SSLContext tls, MtlsServerOptions options, HttpHandler handler) {
        applyLimits(options);
        ExecutorService handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("keeper-", 0).factory());
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(options.host(), options.port()), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = MtlsContexts.parameters(tls);
                    parameters.setNeedClientAuth(true);
                    params.setSSLParameters(parameters);
                }
            });
            server.setExecutor(handlers);
            server.createContext("/", handler);
            server.start();
            return new KeeperServer(server, handlers);
        } catch (IOException e) {
            handlers.close();
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), e);
        }
    }

    /**
     * The handshake and the whole request must arrive within the first-request timeout (the JDK's
     * "max request time" covers both, so a client trickling bytes cannot hold a connection); the
     * timers run every second so the limit is kept to about a second. At most {@code maxConnections}
     * connections are open at once.
     */
    private static void applyLimits(MtlsServerOptions options) {
        String requestSeconds = Long.toString(ceilSeconds(options.firstRequestTimeout()));
        System.setProperty("sun.net.httpserver.maxReqTime", requestSeconds);
        System.setProperty("sun.net.httpserver.maxRspTime", requestSeconds);
        System.setProperty("sun.net.httpserver.timerMillis", "250");
        System.setProperty("sun.net.httpserver.clockTick", "1000");
        System.setProperty("sun.net.httpserver.idleInterval", Long.toString(ceilSeconds(options.idleTimeout())));
        System.setProperty("sun.net.httpserver.maxReqHeaderSize", Integer.toString(options.requestHeaderSizeBytes()));
        // Past the cap the JDK server closes a new connection as soon as it accepts it.
        System.setProperty("jdk.httpserver.maxConnections", Integer.toString(options.maxConnections()));
    }

    private static long ceilSeconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    /** The port listened on (the chosen one when the options said 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Whether it still listens (the health listener's {@code /live}). */
    public boolean isServing() {
        return serving;
    }

    /** Stops listening; requests in flight get a second to finish. */
    @Override
    public void close() {
        serving = false;
        server.stop(STOP_GRACE_SECONDS);
        handlers.close();
    }
}
