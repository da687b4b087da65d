package ist.spike.nexus.policy;

import ist.spike.common.validate.PatternAnchoring;
import java.util.Optional;

/**
 * Strict mode (SPIKE_NEXUS_POLICY_STRICT): a policy must be anchored, so that it cannot match callers or
 * paths it was not written for ({@link PatternAnchoring}). Off by default: upstream clients and upstream's
 * semantics (patterns match anywhere) keep working.
 */
final class AnchoredPolicies {
    private AnchoredPolicies() {}

    /** Why {@code policy} may reach further than it reads, naming the pattern, or empty. */
    static Optional<String> risk(Policy policy) {
        Optional<String> spiffe = PatternAnchoring.spiffeIdPatternRisk(policy.spiffeIdPattern())
                .map(why -> "policy " + policy.name() + ": SPIFFE ID pattern '" + policy.spiffeIdPattern()
                        + "' is not anchored: " + why);
        return spiffe.or(() -> PatternAnchoring.pathPatternRisk(policy.pathPattern())
                .map(why -> "policy " + policy.name() + ": path pattern '" + policy.pathPattern()
                        + "' is not anchored: " + why));
    }

    static void requireAnchored(Policy policy) throws InvalidPolicyException {
        Optional<String> risk = risk(policy);
        if (risk.isPresent()) {
            throw new InvalidPolicyException(risk.get() + " (SPIKE_NEXUS_POLICY_STRICT=true)");
        }
    }
}
