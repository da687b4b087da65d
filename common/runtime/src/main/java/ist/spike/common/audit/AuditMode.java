package ist.spike.common.audit;

/** What a request does when its audit line cannot be written ({@code SPIKE_AUDIT_MODE}). */
public enum AuditMode {
    /** The request is refused (503) and has no effect: no unaudited action. The default. */
    FAIL_CLOSED,
    /** The request goes on; lines that cannot be written are lost and counted in the system log. */
    BEST_EFFORT
}
