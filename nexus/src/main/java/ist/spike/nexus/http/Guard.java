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

    /** A guard that decides on identity alone. */
    static <Q> Guard<Q> identity(java.util.function.Predicate<SpiffeId> who) {
        return who::test;
    }
}
