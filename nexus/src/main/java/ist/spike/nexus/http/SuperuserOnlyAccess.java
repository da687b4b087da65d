package ist.spike.nexus.http;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;

/** Secret access before policies exist: the Pilot superuser only, everyone else 401. */
public final class SuperuserOnlyAccess implements SecretAccess {
    private final Roles roles;

    public SuperuserOnlyAccess(Roles roles) {
        this.roles = roles;
    }

    @Override
    public boolean mayTouchSecrets(SpiffeId caller) {
        return roles.is(Role.PILOT_SUPERUSER, caller);
    }

    @Override
    public boolean allows(SpiffeId caller, String path, Permission permission) {
        return roles.is(Role.PILOT_SUPERUSER, caller);
    }

    @Override
    public boolean mayList(SpiffeId caller) {
        return roles.is(Role.PILOT_SUPERUSER, caller);
    }
}
