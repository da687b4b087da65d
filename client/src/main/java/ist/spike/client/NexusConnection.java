package ist.spike.client;

import ist.spike.common.startup.StartupTrace;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.MalformedJsonException;
import ist.spike.common.wire.WireJson;
import ist.spike.common.wire.WireResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * POSTs wire bodies to Nexus over mTLS and turns failures into typed exceptions, mapping statuses the
 * way upstream's SDK does (404, 401, 400, 503; anything else is an internal error).
 */
final class NexusConnection implements AutoCloseable {
    private final URI base;
    private final MtlsClient http;

    NexusConnection(URI base, MtlsClient http) {
        this.base = base;
        this.http = http;
    }

    <R extends WireResponse> R post(String path, String action, Object request, Class<R> responseType) {
        byte[] json = WireJson.write(request);
        StartupTrace.mark("client: request body");
        MtlsResponse response = send(path, action, "application/json", json);
        StartupTrace.mark("client: HTTP " + response.status());
        R body;
        try {
            body = WireJson.read(response.body(), responseType);
        } catch (MalformedJsonException e) {
            throw failure(response.status(), null);
        }
        StartupTrace.mark("client: response body");
        if (response.status() != 200 || !body.succeeded()) {
            throw failure(response.status(), body.errorCode().orElse(null));
        }
        return body;
    }

    /** For the cipher stream mode: raw bytes in, raw bytes out. */
    byte[] postBytes(String path, byte[] body) {
        MtlsResponse response = send(path, "", "application/octet-stream", body);
        if (response.status() != 200) {
            throw failure(response.status(), null);
        }
        return response.body();
    }

    /** POSTs {@code request} and streams a successful octet-stream answer into {@code sink}. */
    void download(String path, Object request, java.io.OutputStream sink) {
        URI url = base.resolve(path);
        java.net.http.HttpRequest post = java.net.http.HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(WireJson.write(request))).build();
        try {
            java.net.http.HttpResponse<java.io.InputStream> response = http.httpClient().send(post,
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    byte[] error = body.readNBytes(4096);
                    ErrorCode code = null;
                    try {
                        code = WireJson.read(error, ist.spike.common.wire.FallbackResponse.class).errorCode().orElse(null);
                    } catch (MalformedJsonException e) {
                        // fall back to the status
                    }
                    throw failure(response.statusCode(), code);
                }
                DownloadCheck check = DownloadCheck.expecting(response.headers().firstValue("Repr-Digest"),
                        response.headers().firstValueAsLong("Content-Length"));
                check.copy(body, sink);
            }
        } catch (SSLException e) {
            throw new SpikeException.ConnectionException("TLS handshake with " + base + " failed ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new SpikeException.ConnectionException("transfer from " + base + " failed (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpikeException.ConnectionException("interrupted", e);
        }
    }

    private MtlsResponse send(String path, String action, String contentType, byte[] body) {
        URI url = base.resolve(path + (action.isEmpty() ? "" : "?action=" + action));
        try {
            return http.post(url, contentType, body);
        } catch (SSLException e) {
            throw new SpikeException.ConnectionException("TLS handshake with " + base + " failed ("
                    + e.getMessage() + "); is it a SPIKE Nexus with a Nexus SPIFFE ID?", e);
        } catch (HttpTimeoutException e) {
            throw new SpikeException.ConnectionException("no answer from " + base + " in time", e);
        } catch (IOException e) {
            throw new SpikeException.ConnectionException("cannot reach " + base + " (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpikeException.ConnectionException("interrupted", e);
        }
    }

    private static String describe(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    private static SpikeException failure(int status, ErrorCode code) {
        if (code != null) {
            return SpikeException.of(code);
        }
        return SpikeException.of(switch (status) {
            case 400 -> ErrorCode.API_BAD_REQUEST;
            case 401 -> ErrorCode.ACCESS_UNAUTHORIZED;
            case 404 -> ErrorCode.API_NOT_FOUND;
            case 429 -> ErrorCode.API_TOO_MANY_REQUESTS;
            case 503 -> ErrorCode.STATE_NOT_READY;
            default -> ErrorCode.API_INTERNAL_ERROR;
        });
    }

    @Override
    public void close() {
        http.close();
    }
}
