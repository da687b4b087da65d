package ist.spike.nexus.policy;

/**
 * A policy Nexus refuses to store: a pattern Go's regexp would refuse or that is larger than Nexus
 * accepts (docs/adr/0005-policy-regex-engine-re2j.md), or one that reaches a reserved system path by
 * accident (upstream ADR-0033). The message names the rule broken and the pattern, never anything secret
 * (policies hold none).
 */
public final class InvalidPolicyException extends Exception {
    public InvalidPolicyException(String message) {
        super(message, null, false, false);
    }
}
