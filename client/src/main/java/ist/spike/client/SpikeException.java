package ist.spike.client;

import ist.spike.common.wire.ErrorCode;

/**
 * A call to Nexus failed. Subclasses match the wire error codes, so applications can catch exactly
 * what they handle ({@link NotFoundException} for a missing secret, for example).
 */
public class SpikeException extends RuntimeException {
    private final ErrorCode code;

    public SpikeException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public SpikeException(String message, Throwable cause) {
        super(message, cause);
        this.code = null;
    }

    /** The wire error code, or null when Nexus could not be reached at all. */
    public ErrorCode code() {
        return code;
    }

    /** The exception type for a wire error code. */
    public static SpikeException of(ErrorCode code) {
        return switch (code) {
            case API_NOT_FOUND -> new NotFoundException();
            case ACCESS_UNAUTHORIZED -> new UnauthorizedException();
            case API_BAD_REQUEST -> new BadRequestException();
            case STATE_NOT_READY -> new NotReadyException();
            case API_TOO_MANY_REQUESTS -> new SpikeException(code, "too many requests: Nexus is limiting this caller; try again later");
            default -> new SpikeException(code, "SPIKE Nexus failed to handle the request (" + code.wireCode() + ")");
        };
    }

    /** 404 api_not_found: no such secret, version or policy. */
    public static final class NotFoundException extends SpikeException {
        public NotFoundException() {
            super(ErrorCode.API_NOT_FOUND, "not found");
        }
    }

    /** 401 access_unauthorized: this identity may not do that. */
    public static final class UnauthorizedException extends SpikeException {
        public UnauthorizedException() {
            super(ErrorCode.ACCESS_UNAUTHORIZED, "unauthorized: this SPIFFE ID may not do that");
        }
    }

    /** 400 api_bad_request: Nexus rejected the request as invalid. */
    public static final class BadRequestException extends SpikeException {
        public BadRequestException() {
            super(ErrorCode.API_BAD_REQUEST, "invalid request");
        }
    }

    /** 503 state_not_ready: Nexus has no root key yet (waiting for keepers or an operator restore). */
    public static final class NotReadyException extends SpikeException {
        public NotReadyException() {
            super(ErrorCode.STATE_NOT_READY, "SPIKE Nexus is not ready yet (it has no root key)");
        }
    }

    /** A download arrived cut short or damaged (its length or SHA-256 differs from what Nexus announced). */
    public static final class TransferException extends SpikeException {
        public TransferException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Nexus could not be reached, or the TLS handshake failed. */
    public static final class ConnectionException extends SpikeException {
        public ConnectionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
