package ist.spike.nexus.http;

import ist.spike.common.wire.ErrorCode;

/** Ends a request with an upstream error code; the dispatcher turns it into status and body. */
public final class ApiException extends Exception {
    private final ErrorCode code;
    private final String plainText;

    public ApiException(ErrorCode code) {
        this(code, null);
    }

    private ApiException(ErrorCode code, String plainText) {
        super(code.toString(), null, false, false);
        this.code = code;
        this.plainText = plainText;
    }

    /**
     * An error answered as text/plain instead of the route's JSON error body: upstream's cipher stream
     * mode does this for malformed blobs and failed decryption.
     */
    public static ApiException plainText(ErrorCode code, String text) {
        return new ApiException(code, text);
    }

    public ErrorCode code() {
        return code;
    }

    /** The text/plain body, or null for the usual JSON error body. */
    public String plainText() {
        return plainText;
    }
}
