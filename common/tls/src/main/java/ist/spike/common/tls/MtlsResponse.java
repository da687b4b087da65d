package ist.spike.common.tls;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** What an mTLS peer answered: status, body and headers. */
public record MtlsResponse(int status, byte[] body, HttpHeaders headers) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MtlsResponse[status " + status + ", " + body.length + " bytes]";
    }
}
