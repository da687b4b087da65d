package ist.spike.nexus.policy;

/**
 * A policy Nexus refuses to store: a pattern that does not compile in the supported regex dialect, or
 * one that reaches a reserved system path by accident (upstream ADR-0033). The message names the rule broken
 * and the pattern, never anything secret (policies hold none).
 */
public final class InvalidPolicyException extends Exception {
    public InvalidPolicyException(String message) {
        super(message, null, false, false);
    }
}
