package ist.spike.common.spiffe;

import io.spiffe.exception.InvalidSpiffeIdException;
import io.spiffe.spiffeid.SpiffeId;
import io.spiffe.spiffeid.TrustDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The accepted trust domains of every role, and predicates built from them. Roles with no entry
 * accept {@value #DEFAULT_TRUST_DOMAIN}, as upstream does.
 */
public final class Roles {
    public static final String DEFAULT_TRUST_DOMAIN = "spike.ist";

    private final Map<Role, RolePredicate> predicates = new EnumMap<>(Role.class);

    private Roles(Map<Role, List<String>> trustDomains) {
        for (Role role : Role.values()) {
            List<String> names = trustDomains.getOrDefault(role, List.of());
            List<TrustDomain> parsed = new ArrayList<>();
            for (String name : names) {
                String trimmed = name == null ? "" : name.trim();
                if (!trimmed.isEmpty()) {
                    parsed.add(parse(role, trimmed));
                }
            }
            if (parsed.isEmpty()) {
                parsed.add(TrustDomain.parse(DEFAULT_TRUST_DOMAIN));
            }
            predicates.put(role, new RolePredicate(role, parsed.stream().distinct().toList()));
        }
    }

    /** Every role in {@value #DEFAULT_TRUST_DOMAIN}. */
    public static Roles defaults() {
        return new Roles(Map.of());
    }

    /**
     * From trust domain names per role (blank names are skipped; a role with none gets the default).
     *
     * @throws IllegalArgumentException when a name is not a valid trust domain
     */
    public static Roles of(Map<Role, List<String>> trustDomains) {
        return new Roles(trustDomains);
    }

    /** From the comma-separated SPIKE_TRUST_ROOT_* variables ({@code _PILOT} covers all three pilot roles). */
    public static Roles fromEnv(Map<String, String> env) {
        Map<Role, List<String>> trustDomains = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String value = env.get(role.trustRootVariable());
            if (value != null) {
                trustDomains.put(role, Arrays.asList(value.split(",")));
            }
        }
        return new Roles(trustDomains);
    }

    /** IDs of {@code role} in its accepted trust domains. */
    public RolePredicate predicate(Role role) {
        return predicates.get(role);
    }

    /** True when {@code id} has {@code role}. */
    public boolean is(Role role, SpiffeId id) {
        return predicate(role).test(id);
    }

    /** IDs of any of the roles (for example keepers accept NEXUS and BOOTSTRAP). */
    public Predicate<SpiffeId> anyOf(Role... roles) {
        List<RolePredicate> parts = Arrays.stream(roles).map(this::predicate).toList();
        return new AnyOf(parts);
    }

    /** The accepted trust domains of {@code role}, first the preferred one. */
    public List<TrustDomain> trustDomains(Role role) {
        return predicate(role).trustDomains();
    }

    private static TrustDomain parse(Role role, String name) {
        try {
            return TrustDomain.parse(name);
        } catch (InvalidSpiffeIdException | IllegalArgumentException e) {
            throw new IllegalArgumentException(role.trustRootVariable() + ": not a trust domain: '" + name + "' ("
                    + e.getMessage() + ")", e);
        }
    }

    private record AnyOf(List<RolePredicate> parts) implements Predicate<SpiffeId> {
        @Override
        public boolean test(SpiffeId id) {
            return parts.stream().anyMatch(p -> p.test(id));
        }

        @Override
        public String toString() {
            return parts.stream().map(RolePredicate::toString).collect(Collectors.joining("; or "));
        }
    }

    @Override
    public String toString() {
        return predicates.values().stream().map(RolePredicate::toString).collect(Collectors.joining("; "));
    }
}
