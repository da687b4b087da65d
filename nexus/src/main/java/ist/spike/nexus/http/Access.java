package ist.spike.nexus.http;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.validate.Permission;
import ist.spike.nexus.policy.PolicyService;
import ist.spike.nexus.policy.ReservedPaths;
import java.util.List;

/**
 * Who may do what (docs/policies-and-cipher.md): the Pilot superuser bypasses every policy; lite workloads may
 * use the cipher and nothing else; everyone else gets exactly what one policy grants, and nothing by
 * default. Recover, restore and bootstrap have fixed roles and never come here.
 */
public final class Access {
    private final Roles roles;
    private final PolicyService policies;
    /** Null with the lite backend. */
    private final ForeignCallerLog foreignCallers;

    /** @param policies null for the lite backend, which has no policies */
    public Access(Roles roles, PolicyService policies) {
        this.roles = roles;
        this.policies = policies;
        this.foreignCallers = policies == null ? null : new ForeignCallerLog(roles, policies);
    }

    /**
     * Before the body is read, for routes whose resource path is in the body: could this caller be
     * allowed at all? Callers no policy applies to are refused without their body being looked at.
     */
    public boolean mayAsk(SpiffeId caller) {
        return isSuperuser(caller) || isPolicyHolder(caller) && observed(caller).hasPoliciesFor(caller.toString());
    }

    /**
     * Before policies are loaded: could a policy ever apply to this caller (or is it the superuser)?
     * False only for callers no policy may name: lite workloads, and anyone on the lite backend.
     */
    public boolean mayEverAsk(SpiffeId caller) {
        return isSuperuser(caller) || isPolicyHolder(caller);
    }

    /** Before policies are loaded: could this caller ever use the cipher? */
    public boolean mayEverUseCipher(SpiffeId caller) {
        return isSuperuser(caller) || roles.is(Role.LITE_WORKLOAD, caller) || policies != null;
    }

    /** Secret routes: {@code permission} on the secret at {@code path}. */
    public boolean secret(SpiffeId caller, String path, Permission permission) {
        return isSuperuser(caller) || isPolicyHolder(caller) && observed(caller).allows(caller.toString(), path,
                List.of(permission));
    }

    /** Secret list and the policy routes: {@code permission} on a reserved system path. */
    public boolean system(SpiffeId caller, String reservedPath, Permission permission) {
        return secret(caller, reservedPath, permission);
    }

    /** Cipher routes: the superuser, any lite workload, or {@code execute} on the cipher path. */
    public boolean cipher(SpiffeId caller) {
        return isSuperuser(caller) || roles.is(Role.LITE_WORKLOAD, caller)
                || policies != null && observed(caller).allows(caller.toString(), ReservedPaths.CIPHER,
                        List.of(Permission.EXECUTE));
    }

    /** The policies, once a policy check for {@code caller} is about to run (and logged if foreign). */
    private PolicyService observed(SpiffeId caller) {
        foreignCallers.observe(caller);
        return policies;
    }

    private boolean isSuperuser(SpiffeId caller) {
        return roles.is(Role.PILOT_SUPERUSER, caller);
    }

    /** Lite workloads are denied secrets and policies whatever a policy says. */
    private boolean isPolicyHolder(SpiffeId caller) {
        return policies != null && !roles.is(Role.LITE_WORKLOAD, caller);
    }
}
