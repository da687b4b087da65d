package ist.spike.nexus.policy;

import ist.spike.common.validate.Permission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable snapshot of every policy, compiled, arranged so that an access check does not look at
 * policies meant for other callers.
 *
 * <p>Policies are grouped by their SPIFFE ID pattern text (each distinct pattern is compiled and
 * matched once). For each caller the list of policies whose pattern matches it is worked out on its
 * first request and cached in this snapshot. A policy change builds a new snapshot whose cache is the
 * old one adjusted for the one changed policy (one pattern match per cached caller), so nothing stale
 * survives a write and callers do not pay for a full rescan after it. Among the caller's policies,
 * those with a literal path prefix are looked up by the path's prefixes ({@link CallerPolicies}), so
 * a check costs a few lookups plus one match per policy without such a prefix, however many policies
 * exist.
 */
final class PolicyIndex {
    /** Callers remembered per snapshot; past this the cache starts over (the set of callers is small). */
    static final int MAX_CACHED_CALLERS = 10_000;

    static final PolicyIndex EMPTY = of(List.of());

    private final TreeMap<String, CompiledPolicy> byName;
    /** By SPIFFE ID pattern text; each group's list is immutable, so a write copies only what it changes. */
    private final HashMap<String, Group> groups;
    private final Map<String, CallerPolicies> byCaller = new ConcurrentHashMap<>();

    /** The policies sharing one SPIFFE ID pattern. */
    private record Group(PolicyRegex spiffeIdPattern, List<CompiledPolicy> policies) {
        Group plus(CompiledPolicy policy) {
            List<CompiledPolicy> list = new ArrayList<>(policies);
            list.add(policy);
            return new Group(spiffeIdPattern, List.copyOf(list));
        }

        /** This group without the named policy, or null when nothing is left. */
        Group minus(String name) {
            List<CompiledPolicy> list = policies.stream().filter(p -> !p.name().equals(name)).toList();
            return list.isEmpty() ? null : new Group(spiffeIdPattern, list);
        }
    }

    private PolicyIndex(TreeMap<String, CompiledPolicy> byName, HashMap<String, Group> groups) {
        this.byName = byName;
        this.groups = groups;
    }

    static PolicyIndex of(Collection<CompiledPolicy> policies) {
        PolicyIndex index = new PolicyIndex(new TreeMap<>(), new HashMap<>());
        Map<String, List<CompiledPolicy>> grouped = new HashMap<>();
        for (CompiledPolicy policy : policies) {
            index.byName.put(policy.name(), policy);
            grouped.computeIfAbsent(policy.spiffeIdPattern().source(), k -> new ArrayList<>()).add(policy);
        }
        grouped.forEach((key, list) -> index.groups.put(key, new Group(list.get(0).spiffeIdPattern(), List.copyOf(list))));
        return index;
    }

    private void addToGroup(CompiledPolicy policy) {
        String key = policy.spiffeIdPattern().source();
        Group group = groups.get(key);
        groups.put(key, group == null ? new Group(policy.spiffeIdPattern(), List.of(policy)) : group.plus(policy));
    }

    private void removeFromGroup(CompiledPolicy policy) {
        String key = policy.spiffeIdPattern().source();
        Group group = groups.get(key);
        if (group != null) {
            Group rest = group.minus(policy.name());
            if (rest == null) {
                groups.remove(key);
            } else {
                groups.put(key, rest);
            }
        }
    }

    /** A new snapshot with {@code policy} added or replacing the one of the same name. */
    PolicyIndex with(CompiledPolicy policy) {
        PolicyIndex next = new PolicyIndex(new TreeMap<>(byName), new HashMap<>(groups));
        CompiledPolicy previous = next.byName.put(policy.name(), policy);
        if (previous != null) {
            next.removeFromGroup(previous);
        }
        next.addToGroup(policy);
        byCaller.forEach((caller, policies) -> {
            List<CompiledPolicy> updated = new ArrayList<>(policies.all().size() + 1);
            for (CompiledPolicy p : policies.all()) {
                if (!p.name().equals(policy.name())) {
                    updated.add(p);
                }
            }
            if (policy.spiffeIdPattern().find(caller)) {
                updated.add(policy);
            }
            next.byCaller.put(caller, new CallerPolicies(updated));
        });
        return next;
    }

    /** A new snapshot without the policy called {@code name}. */
    PolicyIndex without(String name) {
        PolicyIndex next = new PolicyIndex(new TreeMap<>(byName), new HashMap<>(groups));
        CompiledPolicy previous = next.byName.remove(name);
        if (previous != null) {
            next.removeFromGroup(previous);
        }
        byCaller.forEach((caller, policies) -> next.byCaller.put(caller,
                new CallerPolicies(policies.all().stream().filter(p -> !p.name().equals(name)).toList())));
        return next;
    }

    int size() {
        return byName.size();
    }

    CompiledPolicy get(String name) {
        return byName.get(name);
    }

    /** Every policy, by name. */
    Collection<CompiledPolicy> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** True when at least one policy's SPIFFE ID pattern matches {@code callerId}. */
    boolean hasPoliciesFor(String callerId) {
        return !applicableTo(callerId).isEmpty();
    }

    /** The access rule without the superuser: one applicable policy must grant the path and every wanted permission. */
    boolean allows(String callerId, String path, Collection<Permission> wanted) {
        return path != null && applicableTo(callerId).allows(path, wanted);
    }

    /** The policies whose SPIFFE ID pattern matches the caller (cached per caller in this snapshot). */
    CallerPolicies applicableTo(String callerId) {
        CallerPolicies cached = byCaller.get(callerId);
        if (cached != null) {
            return cached;
        }
        List<CompiledPolicy> found = new ArrayList<>();
        for (Group group : groups.values()) {
            if (group.spiffeIdPattern().find(callerId)) {
                found.addAll(group.policies());
            }
        }
        CallerPolicies result = found.isEmpty() ? CallerPolicies.NONE : new CallerPolicies(found);
        if (byCaller.size() >= MAX_CACHED_CALLERS) {
            byCaller.clear();
        }
        byCaller.put(callerId, result);
        return result;
    }
}
