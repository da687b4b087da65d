package ist.spike.nexus.policy;

import java.util.List;

/**
 * SPIKE's own privileged namespaces (upstream ADR-0033): write on {@code spike/system/acl} is control over
 * every policy. A policy may grant one of these only if it <em>describes</em> the path (its full-match
 * form matches it: {@code .*} and {@code ^spike/system/.*$} do, {@code acl} and {@code spike} do not)
 * and names its callers precisely (an anchored {@code ^...$} SPIFFE ID pattern, or a deliberate
 * catch-all). Checked when a policy is written and again on every access check.
 */
public final class ReservedPaths {
    public static final String ACL = "spike/system/acl";
    public static final String SECRET_LIST = "spike/system/secret";
    public static final String CIPHER = "spike/system/cipher/exec";

    /** In upstream's order; the first one a pattern reaches is the one an error names. */
    static final List<String> ALL = List.of(ACL, SECRET_LIST, CIPHER);

    /** A value no real SPIFFE ID equals: a pattern whose full-match form accepts it is a catch-all. */
    static final String ARBITRARY_PROBE = "spike-arbitrary-probe-value";

    private ReservedPaths() {}

    static boolean isReserved(String path) {
        return ALL.contains(path);
    }

    /** The pattern is anchored at both ends, or matches anything at all. */
    static boolean isPreciseIdentity(PolicyRegex spiffeIdPattern) {
        String source = spiffeIdPattern.source();
        return source.startsWith("^") && source.endsWith("$") || spiffeIdPattern.matchesWhole(ARBITRARY_PROBE);
    }

    /** The policy may grant {@code reserved}: it describes the path and names its callers precisely. */
    static boolean mayReach(PolicyRegex spiffeIdPattern, PolicyRegex pathPattern, String reserved) {
        return pathPattern.matchesWhole(reserved) && isPreciseIdentity(spiffeIdPattern);
    }
}
