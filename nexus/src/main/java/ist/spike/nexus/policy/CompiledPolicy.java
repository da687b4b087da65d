package ist.spike.nexus.policy;

import ist.spike.common.validate.Permission;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * A policy ready for access checks: both patterns compiled, permissions as a set, and for each
 * reserved system path whether this policy may grant it at all (decided once, here).
 */
final class CompiledPolicy {
    private final Policy policy;
    private final PolicyRegex spiffeIdPattern;
    private final PolicyRegex pathPattern;
    private final Set<Permission> permissions;
    private final Set<String> reachableReservedPaths;
    private final String pathPrefix;

    private CompiledPolicy(Policy policy, PolicyRegex spiffeIdPattern, PolicyRegex pathPattern) {
        this.policy = policy;
        this.spiffeIdPattern = spiffeIdPattern;
        this.pathPattern = pathPattern;
        this.permissions = policy.permissions().isEmpty() ? EnumSet.noneOf(Permission.class)
                : EnumSet.copyOf(policy.permissions());
        Set<String> reachable = new java.util.HashSet<>();
        for (String reserved : ReservedPaths.ALL) {
            if (ReservedPaths.mayReach(spiffeIdPattern, pathPattern, reserved)) {
                reachable.add(reserved);
            }
        }
        this.reachableReservedPaths = Set.copyOf(reachable);
        this.pathPrefix = PathPrefix.of(policy.pathPattern());
    }

    /** Compiles a stored policy as it is, without the write-time reserved-path guard. */
    static CompiledPolicy of(Policy policy) throws InvalidPolicyException {
        return new CompiledPolicy(policy, PolicyRegex.compile(policy.spiffeIdPattern(), "SPIFFE ID pattern"),
                PolicyRegex.compile(policy.pathPattern(), "path pattern"));
    }

    /**
     * Compiles a policy about to be written, refusing one that reaches a reserved system path only by
     * substring or for imprecisely named callers (upstream ADR-0033). Unlike upstream, which checks only the
     * first reserved path reached, every reserved path the pattern reaches is checked.
     */
    static CompiledPolicy forWrite(Policy policy) throws InvalidPolicyException {
        CompiledPolicy compiled = of(policy);
        for (String reserved : ReservedPaths.ALL) {
            if (compiled.pathPattern.find(reserved) && !compiled.reachableReservedPaths.contains(reserved)) {
                throw new InvalidPolicyException("policy " + policy.name() + " reaches the reserved system path "
                        + reserved + " only by substring match or for an unanchored SPIFFE ID pattern; anchor "
                        + "both patterns with ^ and $ to grant access there deliberately (path pattern: "
                        + policy.pathPattern() + ", SPIFFE ID pattern: " + policy.spiffeIdPattern() + ")");
            }
        }
        return compiled;
    }

    /** The same patterns for {@code stored}, the policy as it was written (with its final times). */
    CompiledPolicy withStored(Policy stored) {
        if (!stored.spiffeIdPattern().equals(policy.spiffeIdPattern())
                || !stored.pathPattern().equals(policy.pathPattern())) {
            throw new IllegalArgumentException("patterns differ");
        }
        return new CompiledPolicy(stored, spiffeIdPattern, pathPattern);
    }

    Policy policy() {
        return policy;
    }

    String name() {
        return policy.name();
    }

    /** The literal start of every path this policy's pattern matches, or null. */
    String pathPrefix() {
        return pathPrefix;
    }

    PolicyRegex spiffeIdPattern() {
        return spiffeIdPattern;
    }

    /**
     * Upstream's access rule (docs/policies-and-cipher.md) for one policy whose SPIFFE ID pattern
     * already matched the caller: the path pattern matches (for a reserved path: the policy may reach
     * it), and the permissions hold {@code super} or every wanted one.
     */
    boolean grants(String path, Collection<Permission> wanted) {
        if (ReservedPaths.isReserved(path) ? !reachableReservedPaths.contains(path) : !pathPattern.find(path)) {
            return false;
        }
        return permissions.contains(Permission.SUPER) || permissions.containsAll(wanted);
    }
}
