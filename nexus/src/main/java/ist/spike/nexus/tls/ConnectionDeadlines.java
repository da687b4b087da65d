package ist.spike.nexus.tls;

import ist.spike.common.tls.LogThrottle;
import ist.spike.common.tls.MtlsServerOptions;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deadlines Jetty does not have. Its idle timeout restarts with every byte, so a client sending one
 * byte at a time could hold a connection (and a TLS engine) for as long as it likes, request after
 * request. A sweep looks at every open connection a few times per deadline and closes one that has
 * stayed too long in one phase:
 *
 * <ul>
 *   <li>before its first request (TLS handshake and headers): the first-request timeout;</li>
 *   <li>reading a later request's headers, from its first byte: the same timeout;</li>
 *   <li>reading a request's body, from the end of its headers: the body timeout;</li>
 *   <li>between requests: the idle timeout, even if bytes trickle in (a partial TLS record never
 *       reaches the HTTP parser);</li>
 *   <li>at any time once the client's certificate has expired: the handshake proved an identity only
 *       for as long as the certificate was valid.</li>
 * </ul>
 *
 * <p>A handler taking its time (a phase after the body) is not limited here.
 */
final class ConnectionDeadlines implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionDeadlines.class);
    private static final LogThrottle LOG_THROTTLE = LogThrottle.perMinute(20);

    private enum Phase { OPENING, IDLE, HEADERS, BODY, HANDLING }

    private final long firstRequestNanos;
    private final long bodyNanos;
    private final long idleNanos;
    private final long sweepMillis;
    private final Scheduler scheduler;
    private final Map<HttpConnection, Watch> watched = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    ConnectionDeadlines(MtlsServerOptions options, Scheduler scheduler) {
        this.firstRequestNanos = options.firstRequestTimeout().toNanos();
        this.bodyNanos = options.bodyTimeout().toNanos();
        this.idleNanos = options.idleTimeout().toNanos();
        Duration shortest = options.firstRequestTimeout().compareTo(options.bodyTimeout()) < 0
                ? options.firstRequestTimeout() : options.bodyTimeout();
        this.sweepMillis = Math.clamp(shortest.toMillis() / 5, 20, 1000);
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            watched.put(http, new Watch(System.nanoTime()));
            if (sweeping.compareAndSet(false, true)) {
                scheduleSweep();
            }
        }
    }

    @Override
    public void onClosed(Connection connection) {
        watched.remove(connection);
    }

    private void scheduleSweep() {
        try {
            scheduler.schedule(this::sweep, sweepMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            sweeping.set(false);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        long wallMillis = System.currentTimeMillis();
        try {
            watched.forEach((connection, watch) -> check(connection, watch, now, wallMillis));
        } finally {
            scheduleSweep();
        }
    }

    private void check(HttpConnection connection, Watch watch, long now, long wallMillis) {
        long messages = connection.getMessagesIn();
        Phase phase = phaseOf(connection, messages);
        if (messages != watch.messages || phase != watch.phase) {
            watch.messages = messages;
            watch.phase = phase;
            watch.since = now;
        }
        long limit = switch (phase) {
            case OPENING, HEADERS -> firstRequestNanos;
            case BODY -> bodyNanos;
            case IDLE -> idleNanos;
            case HANDLING -> Long.MAX_VALUE;
        };
        if (now - watch.since > limit) {
            close(connection, describe(phase) + " not complete within " + limit / 1_000_000 + " ms");
        } else if (phase != Phase.OPENING && certificateExpired(connection, watch, wallMillis)) {
            close(connection, "client certificate expired");
        }
    }

    private static Phase phaseOf(HttpConnection connection, long messages) {
        if (messages == 0) {
            return Phase.OPENING;
        }
        HttpParser parser = connection.getParser();
        if (parser.isStart()) {
            return Phase.IDLE;
        }
        if (parser.inHeaderState()) {
            return Phase.HEADERS;
        }
        // With all announced bytes parsed (none, for most), the parser may still sit in a content state.
        boolean bodyDue = parser.inContentState()
                && (parser.getContentLength() < 0 || parser.getContentRead() < parser.getContentLength());
        return bodyDue ? Phase.BODY : Phase.HANDLING;
    }

    private static String describe(Phase phase) {
        return switch (phase) {
            case OPENING -> "handshake and first request";
            case HEADERS -> "request headers";
            case BODY -> "request body";
            case IDLE -> "next request";
            case HANDLING -> "request";
        };
    }

    /** The client leaf's notAfter is read once, after the handshake (a request has arrived by then). */
    private static boolean certificateExpired(HttpConnection connection, Watch watch, long wallMillis) {
        if (watch.notAfterMillis == 0) {
            watch.notAfterMillis = clientNotAfter(connection);
        }
        return wallMillis > watch.notAfterMillis;
    }

    private static long clientNotAfter(HttpConnection connection) {
        if (!(connection.getEndPoint() instanceof SslConnection.SslEndPoint tls)) {
            return Long.MAX_VALUE;
        }
        try {
            Certificate[] chain = tls.getSslConnection().getSSLEngine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                    ? leaf.getNotAfter().getTime() : Long.MAX_VALUE;
        } catch (SSLPeerUnverifiedException e) {
            return Long.MAX_VALUE; // an mTLS connector never gets here without a client certificate
        }
    }

    private void close(HttpConnection connection, String why) {
        watched.remove(connection);
        String note = LOG_THROTTLE.admit();
        if (note != null) {
            LOG.info("closing connection from {}: {}{}", connection.getEndPoint().getRemoteSocketAddress(), why, note);
        }
        connection.getEndPoint().close();
    }

    /** What the last sweep saw of a connection. Touched by the sweep only. */
    private static final class Watch {
        long messages;
        Phase phase = Phase.OPENING;
        long since;
        long notAfterMillis;

        Watch(long opened) {
            this.since = opened;
        }
    }
}
