package ist.spike.nexus.policy;

import ist.spike.common.validate.Permission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The policies that apply to one caller, arranged for path checks: policies whose path pattern has a
 * literal prefix ({@link PathPrefix}) are found by looking up the path's own prefixes, the rest are
 * tried in turn. So a caller with thousands of {@code ^tenants/<name>/...} policies still pays for a
 * handful of lookups, not thousands of regex matches.
 */
final class CallerPolicies {
    static final CallerPolicies NONE = new CallerPolicies(List.of());

    private final List<CompiledPolicy> all;
    private final List<CompiledPolicy> unprefixed = new ArrayList<>();
    private final Map<String, List<CompiledPolicy>> byPrefix = new HashMap<>();
    private final int[] prefixLengths;

    CallerPolicies(List<CompiledPolicy> policies) {
        this.all = List.copyOf(policies);
        TreeSet<Integer> lengths = new TreeSet<>();
        for (CompiledPolicy policy : all) {
            String prefix = policy.pathPrefix();
            if (prefix == null) {
                unprefixed.add(policy);
            } else {
                byPrefix.computeIfAbsent(prefix, k -> new ArrayList<>()).add(policy);
                lengths.add(prefix.length());
            }
        }
        this.prefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
    }

    List<CompiledPolicy> all() {
        return all;
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    /** The access rule over these policies: one of them grants {@code path} and every wanted permission. */
    boolean allows(String path, Collection<Permission> wanted) {
        for (int length : prefixLengths) {
            if (length > path.length()) {
                break;
            }
            List<CompiledPolicy> candidates = byPrefix.get(path.substring(0, length));
            if (candidates != null && anyGrants(candidates, path, wanted)) {
                return true;
            }
        }
        return anyGrants(unprefixed, path, wanted);
    }

    private static boolean anyGrants(List<CompiledPolicy> policies, String path, Collection<Permission> wanted) {
        for (CompiledPolicy policy : policies) {
            if (policy.grants(path, wanted)) {
                return true;
            }
        }
        return false;
    }
}
