package ist.spike.common.tls;

import java.time.Duration;

/**
 * Where an mTLS server listens and the limits that keep slow or idle clients from holding it.
 *
 * @param host                   interface to bind ("0.0.0.0" for all, "127.0.0.1" for local only)
 * @param port                   TCP port; 0 picks a free one (read it back with {@code app.port()})
 * @param idleTimeout            a connection with no traffic for this long is closed
 * @param firstRequestTimeout    the TLS handshake plus the first request's headers must arrive within
 *                               this time of connecting (Jetty has no header-read timeout; this stops
 *                               slowloris-style clients that trickle bytes to dodge the idle timeout)
 * @param requestHeaderSizeBytes larger request headers are answered 431
 */
public record MtlsServerOptions(String host, int port, Duration idleTimeout, Duration firstRequestTimeout,
                                int requestHeaderSizeBytes) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_FIRST_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_REQUEST_HEADER_SIZE_BYTES = 8 * 1024;

    public MtlsServerOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || firstRequestTimeout.isNegative()
                || firstRequestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (requestHeaderSizeBytes < 1024) {
            throw new IllegalArgumentException("request header size below 1 KiB: " + requestHeaderSizeBytes);
        }
    }

    /** {@code host:port} with the default limits. */
    public static MtlsServerOptions listen(String host, int port) {
        return new MtlsServerOptions(host, port, DEFAULT_IDLE_TIMEOUT, DEFAULT_FIRST_REQUEST_TIMEOUT,
                DEFAULT_REQUEST_HEADER_SIZE_BYTES);
    }

    public MtlsServerOptions withIdleTimeout(Duration timeout) {
        return new MtlsServerOptions(host, port, timeout, firstRequestTimeout, requestHeaderSizeBytes);
    }

    public MtlsServerOptions withFirstRequestTimeout(Duration timeout) {
        return new MtlsServerOptions(host, port, idleTimeout, timeout, requestHeaderSizeBytes);
    }

    public MtlsServerOptions withRequestHeaderSizeBytes(int bytes) {
        return new MtlsServerOptions(host, port, idleTimeout, firstRequestTimeout, bytes);
    }
}
