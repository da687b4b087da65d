package ist.spike.nexus.policy;

/**
 * Upstream's list filter: a non-empty SPIFFE ID pattern selects policies with exactly that pattern;
 * otherwise a non-empty path pattern does; otherwise every policy is listed.
 */
public record PolicyFilter(String spiffeIdPattern, String pathPattern) {
    public static final PolicyFilter ALL = new PolicyFilter("", "");

    boolean accepts(Policy policy) {
        if (spiffeIdPattern != null && !spiffeIdPattern.isEmpty()) {
            return spiffeIdPattern.equals(policy.spiffeIdPattern());
        }
        if (pathPattern != null && !pathPattern.isEmpty()) {
            return pathPattern.equals(policy.pathPattern());
        }
        return true;
    }
}
