package ist.spike.nexus.http;

import ist.spike.common.wire.Redacted;

/**
 * A cipher request in one of its two modes: a JSON body ({@code json} set) or, when the Content-Type is
 * exactly application/octet-stream, the raw bytes ({@code raw} set).
 */
record CipherBody<J>(J json, byte[] raw) {
    static final String OCTET_STREAM = "application/octet-stream";

    boolean isStream() {
        return raw != null;
    }

    /** Upstream's rule: stream mode only for exactly this Content-Type; anything else is JSON. */
    static <J> Route.Decoder<CipherBody<J>> decoder(Class<J> jsonType) {
        Route.Decoder<J> json = JsonBodies.of(jsonType);
        return (body, contentType) -> OCTET_STREAM.equals(contentType)
                ? new CipherBody<>(null, body)
                : new CipherBody<>(json.decode(body, contentType), null);
    }

    @Override
    public String toString() {
        return isStream() ? "CipherBody[stream " + Redacted.bytes(raw) + "]" : "CipherBody[" + json + "]";
    }
}
