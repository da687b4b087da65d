package ist.spike.common.audit;

/**
 * An audit line could not be written in time (the sink failed, is stuck, or is closed). In fail-closed
 * mode the request it describes is refused; the message names the cause, never the line.
 */
public final class AuditUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String message) {
        super(message, null, false, false);
    }
}
