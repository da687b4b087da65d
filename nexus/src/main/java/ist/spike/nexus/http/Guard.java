package ist.spike.nexus.http;

import io.spiffe.spiffeid.SpiffeId;

/**
 * Who may call a route. {@link #admits} looks only at the caller's identity and runs before the body
 * is read, so an unknown caller learns nothing from validation errors; {@link #permits} may also look
 * at the parsed request (the secret path a policy must cover).
 */
public interface Guard<Q> {
    boolean admits(SpiffeId caller);

    default boolean permits(SpiffeId caller, Q request) {
        return true;
    }

    /**
     * Before the root key is in (policies not loaded): could any role or policy ever admit this caller?
     * One nothing could admit gets 401 rather than learning that Nexus is sealed. For a guard on roles
     * alone this is {@link #admits}; guards that consult policies say "maybe" for anyone a policy could name.
     */
    default boolean mayAdmitOnceReady(SpiffeId caller) {
        return admits(caller);
    }

    /** A guard that decides on identity alone. */
    static <Q> Guard<Q> identity(java.util.function.Predicate<SpiffeId> who) {
        return who::test;
    }

    /** A guard on identity that consults policies: {@code mayOnceReady} answers while they are not loaded. */
    static <Q> Guard<Q> identity(java.util.function.Predicate<SpiffeId> who,
            java.util.function.Predicate<SpiffeId> mayOnceReady) {
        return new Guard<>() {
            @Override
            public boolean admits(SpiffeId caller) {
                return who.test(caller);
            }

            @Override
            public boolean mayAdmitOnceReady(SpiffeId caller) {
                return mayOnceReady.test(caller);
            }
        };
    }
}
