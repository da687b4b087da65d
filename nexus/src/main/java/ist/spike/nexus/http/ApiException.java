package ist.spike.nexus.http;

import ist.spike.common.wire.ErrorCode;

/** Ends a request with an upstream error code; the dispatcher turns it into status and body. */
public final class ApiException extends Exception {
    private final ErrorCode code;

    public ApiException(ErrorCode code) {
        super(code.toString(), null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
