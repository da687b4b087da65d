package ist.spike.common.spiffe;

/**
 * SPIKE's built-in identities, as upstream's (docs/security-model.md): a SPIFFE ID path under a trust domain, and the
 * variable that lists the trust domains accepted for the role.
 */
public enum Role {
    NEXUS("/spike/nexus", "SPIKE_TRUST_ROOT_NEXUS"),
    KEEPER("/spike/keeper", "SPIKE_TRUST_ROOT_KEEPER"),
    BOOTSTRAP("/spike/bootstrap", "SPIKE_TRUST_ROOT_BOOTSTRAP"),
    /** Bypasses every policy check; cannot recover or restore. */
    PILOT_SUPERUSER("/spike/pilot/role/superuser", "SPIKE_TRUST_ROOT_PILOT"),
    PILOT_RECOVER("/spike/pilot/role/recover", "SPIKE_TRUST_ROOT_PILOT"),
    PILOT_RESTORE("/spike/pilot/role/restore", "SPIKE_TRUST_ROOT_PILOT"),
    /** Cipher encrypt/decrypt without a policy; denied secrets and policies. */
    LITE_WORKLOAD("/spike/workload/role/lite", "SPIKE_TRUST_ROOT_LITE_WORKLOAD");

    private final String path;
    private final String trustRootVariable;

    Role(String path, String trustRootVariable) {
        this.path = path;
        this.trustRootVariable = trustRootVariable;
    }

    /** The SPIFFE ID path, e.g. "/spike/nexus". */
    public String path() {
        return path;
    }

    /** The environment variable with this role's comma-separated trust domains. */
    public String trustRootVariable() {
        return trustRootVariable;
    }
}
