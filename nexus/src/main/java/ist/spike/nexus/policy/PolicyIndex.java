package ist.spike.nexus.policy;

import ist.spike.common.validate.Permission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * survives a write and callers do not pay for a full rescan after it. A check then costs one path
 * match per policy that applies to the caller, however many policies exist for others.
 */
final class PolicyIndex {
    /** Callers remembered per snapshot; past this the cache starts over (the set of callers is small). */
    static final int MAX_CACHED_CALLERS = 10_000;

    static final PolicyIndex EMPTY = new PolicyIndex(new TreeMap<>());

    private final TreeMap<String, CompiledPolicy> byName;
    private final List<Group> groups;
    private final Map<String, List<CompiledPolicy>> byCaller = new ConcurrentHashMap<>();

    /** The policies sharing one SPIFFE ID pattern. */
    private record Group(PolicyRegex spiffeIdPattern, List<CompiledPolicy> policies) {}

    private PolicyIndex(TreeMap<String, CompiledPolicy> byName) {
        this.byName = byName;
        Map<String, List<CompiledPolicy>> grouped = new LinkedHashMap<>();
        Map<String, PolicyRegex> regexes = new LinkedHashMap<>();
        for (CompiledPolicy p : byName.values()) {
            String key = p.spiffeIdPattern().source();
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
            regexes.putIfAbsent(key, p.spiffeIdPattern());
        }
        List<Group> list = new ArrayList<>(grouped.size());
        grouped.forEach((key, policies) -> list.add(new Group(regexes.get(key), List.copyOf(policies))));
        this.groups = List.copyOf(list);
    }

    static PolicyIndex of(Collection<CompiledPolicy> policies) {
        TreeMap<String, CompiledPolicy> byName = new TreeMap<>();
        policies.forEach(p -> byName.put(p.name(), p));
        return new PolicyIndex(byName);
    }

    /** A new snapshot with {@code policy} added or replacing the one of the same name. */
    PolicyIndex with(CompiledPolicy policy) {
        TreeMap<String, CompiledPolicy> copy = new TreeMap<>(byName);
        copy.put(policy.name(), policy);
        PolicyIndex next = new PolicyIndex(copy);
        byCaller.forEach((caller, policies) -> {
            List<CompiledPolicy> updated = new ArrayList<>(policies.size() + 1);
            for (CompiledPolicy p : policies) {
                if (!p.name().equals(policy.name())) {
                    updated.add(p);
                }
            }
            if (policy.spiffeIdPattern().find(caller)) {
                updated.add(policy);
            }
            next.byCaller.put(caller, List.copyOf(updated));
        });
        return next;
    }

    /** A new snapshot without the policy called {@code name}. */
    PolicyIndex without(String name) {
        TreeMap<String, CompiledPolicy> copy = new TreeMap<>(byName);
        copy.remove(name);
        PolicyIndex next = new PolicyIndex(copy);
        byCaller.forEach((caller, policies) -> next.byCaller.put(caller,
                policies.stream().filter(p -> !p.name().equals(name)).toList()));
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

    /** Spec §8.3 without the superuser: one applicable policy must grant the path and every wanted permission. */
    boolean allows(String callerId, String path, Collection<Permission> wanted) {
        if (path == null) {
            return false;
        }
        for (CompiledPolicy policy : applicableTo(callerId)) {
            if (policy.grants(path, wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The policies whose SPIFFE ID pattern matches the caller (cached per caller in this snapshot). */
    List<CompiledPolicy> applicableTo(String callerId) {
        List<CompiledPolicy> cached = byCaller.get(callerId);
        if (cached != null) {
            return cached;
        }
        List<CompiledPolicy> found = new ArrayList<>();
        for (Group group : groups) {
            if (group.spiffeIdPattern().find(callerId)) {
                found.addAll(group.policies());
            }
        }
        List<CompiledPolicy> result = List.copyOf(found);
        if (byCaller.size() >= MAX_CACHED_CALLERS) {
            byCaller.clear();
        }
        byCaller.put(callerId, result);
        return result;
    }
}
