package ist.spike.nexus.http;

import io.spiffe.spiffeid.SpiffeId;

/** Who may do what to which secret path (spec §8.3): the superuser always; others by policy. */
public interface SecretAccess {
    enum Permission { READ, WRITE, LIST }

    /** Before the body is read: could this caller be allowed any secret operation at all? */
    boolean mayTouchSecrets(SpiffeId caller);

    /** May this caller do {@code permission} on {@code path}? */
    boolean allows(SpiffeId caller, String path, Permission permission);

    /** May this caller list every secret path? */
    boolean mayList(SpiffeId caller);
}
