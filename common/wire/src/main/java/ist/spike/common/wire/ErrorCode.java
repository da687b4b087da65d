package ist.spike.common.wire;

import java.util.Optional;

/**
 * The error codes that travel in a response's {@code err} field (upstream ADR-0030: minimal errors, no
 * messages), each with the HTTP status it is sent with. Upstream's SDK registers about 110 codes, but only
 * five of them reach the wire; {@link #API_TOO_MANY_REQUESTS} is ours (upstream has no rate limit), named
 * in upstream's style so its SDK reports it as an unknown code rather than misreading it.
 */
public enum ErrorCode {
    API_BAD_REQUEST("api_bad_request", 400),
    ACCESS_UNAUTHORIZED("access_unauthorized", 401),
    API_NOT_FOUND("api_not_found", 404),
    API_INTERNAL_ERROR("api_internal_error", 500),
    STATE_NOT_READY("state_not_ready", 503),
    /** The caller is over its request rate, or Nexus's budget for request bodies in flight is spent. */
    API_TOO_MANY_REQUESTS("api_too_many_requests", 429);

    private final String wireCode;
    private final int httpStatus;

    ErrorCode(String wireCode, int httpStatus) {
        this.wireCode = wireCode;
        this.httpStatus = httpStatus;
    }

    /** The string written in the {@code err} field. */
    public String wireCode() {
        return wireCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The code for an {@code err} value; empty for "" (success) and for codes this project does not know. */
    public static Optional<ErrorCode> fromWire(String wireCode) {
        for (ErrorCode code : values()) {
            if (code.wireCode.equals(wireCode)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
