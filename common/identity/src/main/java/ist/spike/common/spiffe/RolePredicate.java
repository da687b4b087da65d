package ist.spike.common.spiffe;

import io.spiffe.spiffeid.SpiffeId;
import io.spiffe.spiffeid.TrustDomain;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * True for IDs of one role: {@code spiffe://<td><path>} or anything below it
 * ({@code spiffe://<td><path>/...}), for each accepted trust domain. A longer name that merely starts
 * the same ("/spike/nexusevil") does not match.
 */
public record RolePredicate(Role role, List<TrustDomain> trustDomains) implements Predicate<SpiffeId> {

    public RolePredicate {
        trustDomains = List.copyOf(trustDomains);
        if (trustDomains.isEmpty()) {
            throw new IllegalArgumentException("role " + role + " needs at least one trust domain");
        }
    }

    @Override
    public boolean test(SpiffeId id) {
        if (id == null || !trustDomains.contains(id.getTrustDomain())) {
            return false;
        }
        String path = id.getPath();
        String base = role.path();
        return path.equals(base) || (path.startsWith(base) && path.charAt(base.length()) == '/');
    }

    /** For logs and refusals: "NEXUS spiffe://spike.ist/spike/nexus[/...]". */
    @Override
    public String toString() {
        return role + " " + trustDomains.stream()
                .map(td -> td.toIdString() + role.path() + "[/...]")
                .collect(Collectors.joining(" or "));
    }
}
