package ist.spike.nexus.policy;

import ist.spike.common.validate.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An access policy as stored (docs/policies-and-cipher.md): who ({@code spiffeIdPattern}, a regex over
 * caller SPIFFE IDs), where ({@code pathPattern}, a regex over resource paths) and what
 * ({@code permissions}). The name is the primary key. Permissions keep the order and duplicates they
 * were written with, as upstream does.
 */
public record Policy(String name, String spiffeIdPattern, String pathPattern, List<Permission> permissions,
        Instant createdAt, Instant updatedAt) {
    public Policy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spiffeIdPattern, "spiffeIdPattern");
        Objects.requireNonNull(pathPattern, "pathPattern");
        permissions = List.copyOf(permissions);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The permissions as their wire names. */
    public List<String> permissionNames() {
        return permissions.stream().map(Permission::wireName).toList();
    }
}
