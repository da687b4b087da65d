package ist.spike.common.spiffe;

/** No SVID could be obtained at start-up; the message says where we looked and what to check. */
public final class IdentityUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IdentityUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
