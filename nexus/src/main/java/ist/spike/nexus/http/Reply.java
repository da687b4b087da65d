package ist.spike.nexus.http;

/** A successful answer: a JSON object, or raw bytes with their own content type (cipher streams). */
public record Reply(Object json, byte[] raw, String contentType) {
    public static Reply json(Object body) {
        return new Reply(body, null, "application/json");
    }

    public static Reply bytes(byte[] body, String contentType) {
        return new Reply(null, body, contentType);
    }
}
