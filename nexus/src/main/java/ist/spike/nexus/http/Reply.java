package ist.spike.nexus.http;

import java.io.InputStream;

/**
 * A successful answer: a JSON object, raw bytes with their own content type (cipher streams), or a
 * stream of known length and SHA-256 (backups) that the dispatcher copies to the client and closes.
 */
public record Reply(Object json, byte[] raw, Download stream, String contentType) {
    /** A stream's bytes, how many there are and their SHA-256, so a client can tell a cut or damaged transfer. */
    public record Download(InputStream content, long length, byte[] sha256) {}

    public static Reply json(Object body) {
        return new Reply(body, null, null, "application/json");
    }

    public static Reply bytes(byte[] body, String contentType) {
        return new Reply(null, body, null, contentType);
    }

    public static Reply stream(Download body, String contentType) {
        return new Reply(null, null, body, contentType);
    }
}
