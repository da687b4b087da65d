package ist.spike.keeper;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who may call a keeper: Nexus (an ID of the Nexus role, and exactly SPIKE_KEEPER_NEXUS_ID when that is set) and
 * Bootstrap. What each may do is the API's decision ({@link KeeperApi}).
 */
public record KeeperCallers(Roles roles, Optional<SpiffeId> nexusId) {
    public KeeperCallers {
        nexusId = nexusId == null ? Optional.empty() : nexusId;
    }

    /** Any Nexus and Bootstrap identity of the accepted trust domains (upstream's rule). */
    public static KeeperCallers of(Roles roles) {
        return new KeeperCallers(roles, Optional.empty());
    }

    public boolean isNexus(SpiffeId id) {
        return roles.is(Role.NEXUS, id) && nexusId.map(id::equals).orElse(true);
    }

    public boolean isBootstrap(SpiffeId id) {
        return roles.is(Role.BOOTSTRAP, id);
    }

    /** The IDs that get past the TLS handshake. */
    public Predicate<SpiffeId> anyCaller() {
        return new Predicate<>() {
            @Override
            public boolean test(SpiffeId id) {
                return isNexus(id) || isBootstrap(id);
            }

            @Override
            public String toString() {
                return nexusId.map(id -> "NEXUS " + id).orElse(roles.predicate(Role.NEXUS).toString())
                        + "; or " + roles.predicate(Role.BOOTSTRAP);
            }
        };
    }
}
