package ist.spike.nexus.http;

import java.io.InputStream;

/**
 * A successful answer: a JSON object, raw bytes with their own content type (cipher streams), or a
 * stream (backups) that the dispatcher copies to the client and closes.
 */
public record Reply(Object json, byte[] raw, InputStream stream, String contentType) {
    public static Reply json(Object body) {
        return new Reply(body, null, null, "application/json");
    }

    public static Reply bytes(byte[] body, String contentType) {
        return new Reply(null, body, null, contentType);
    }

    public static Reply stream(InputStream body, String contentType) {
        return new Reply(null, null, body, contentType);
    }
}
