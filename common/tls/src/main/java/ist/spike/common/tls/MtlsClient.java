package ist.spike.common.tls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS client that presents our SVID and talks only to servers the SSLContext accepts (see
 * {@link MtlsContexts#client}): a server with the wrong SPIFFE ID fails the handshake, before any
 * request byte is sent. HTTP/1.1 with kept-alive connections.
 */
public final class MtlsClient implements AutoCloseable {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final Duration requestTimeout;

    private MtlsClient(HttpClient http, Duration requestTimeout) {
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    public static MtlsClient create(SSLContext sslContext) {
        return create(sslContext, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public static MtlsClient create(SSLContext sslContext, Duration connectTimeout, Duration requestTimeout) {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(sslContext)
                .sslParameters(MtlsContexts.parameters(sslContext))
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new MtlsClient(http, requestTimeout);
    }

    /**
     * POSTs {@code body} as {@code contentType} and returns the answer, whatever its status.
     *
     * @throws IOException when the connection or the handshake fails (a refused peer is an
     *                     {@link javax.net.ssl.SSLHandshakeException} in the cause chain)
     */
    public MtlsResponse post(URI url, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new MtlsResponse(response.statusCode(), response.body(), response.headers());
    }

    /** The underlying client, for requests this wrapper does not cover. */
    public HttpClient httpClient() {
        return http;
    }

    @Override
    public void close() {
        http.close();
    }
}
