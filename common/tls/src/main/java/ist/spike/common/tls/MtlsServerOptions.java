package ist.spike.common.tls;

import java.time.Duration;

/**
 * Where an mTLS server listens and the limits that keep slow, idle or numerous clients from holding it.
 *
 * @param host                   interface to bind ("0.0.0.0" for all, "127.0.0.1" for local only)
 * @param port                   TCP port; 0 picks a free one (read it back with {@code app.port()})
 * @param idleTimeout            a connection with no traffic for this long is closed
 * @param firstRequestTimeout    the TLS handshake plus the first request's headers must arrive within
 *                               this time of connecting; every later request's headers within this time
 *                               of its first byte (Jetty has no header-read timeout; this stops
 *                               slowloris-style clients that trickle bytes to dodge the idle timeout)
 * @param requestHeaderSizeBytes larger request headers are answered 431
 * @param bodyTimeout            a request's body must arrive within this time of its headers
 * @param maxConnections         connections open at once; more wait (Nexus) or are closed (keeper)
 */
public record MtlsServerOptions(String host, int port, Duration idleTimeout, Duration firstRequestTimeout,
                                int requestHeaderSizeBytes, Duration bodyTimeout, int maxConnections) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_FIRST_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_REQUEST_HEADER_SIZE_BYTES = 8 * 1024;
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONNECTIONS = 256;

    public MtlsServerOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!positive(idleTimeout) || !positive(firstRequestTimeout) || !positive(bodyTimeout)) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (requestHeaderSizeBytes < 1024) {
            throw new IllegalArgumentException("request header size below 1 KiB: " + requestHeaderSizeBytes);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections below 1: " + maxConnections);
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    /** {@code host:port} with the default limits. */
    public static MtlsServerOptions listen(String host, int port) {
        return new MtlsServerOptions(host, port, DEFAULT_IDLE_TIMEOUT, DEFAULT_FIRST_REQUEST_TIMEOUT,
                DEFAULT_REQUEST_HEADER_SIZE_BYTES, DEFAULT_BODY_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    public MtlsServerOptions withIdleTimeout(Duration timeout) {
        return new MtlsServerOptions(host, port, timeout, firstRequestTimeout, requestHeaderSizeBytes, bodyTimeout,
                maxConnections);
    }

    public MtlsServerOptions withFirstRequestTimeout(Duration timeout) {
        return new MtlsServerOptions(host, port, idleTimeout, timeout, requestHeaderSizeBytes, bodyTimeout,
                maxConnections);
    }

    public MtlsServerOptions withRequestHeaderSizeBytes(int bytes) {
        return new MtlsServerOptions(host, port, idleTimeout, firstRequestTimeout, bytes, bodyTimeout, maxConnections);
    }

    public MtlsServerOptions withBodyTimeout(Duration timeout) {
        return new MtlsServerOptions(host, port, idleTimeout, firstRequestTimeout, requestHeaderSizeBytes, timeout,
                maxConnections);
    }

    public MtlsServerOptions withMaxConnections(int connections) {
        return new MtlsServerOptions(host, port, idleTimeout, firstRequestTimeout, requestHeaderSizeBytes, bodyTimeout,
                connections);
    }
}
