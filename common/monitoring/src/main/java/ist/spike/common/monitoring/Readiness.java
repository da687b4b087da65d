package ist.spike.common.monitoring;

/**
 * Whether a program serves, and if not, why, in words an operator acts on. The reason names a state, never
 * a secret, a path or a caller.
 */
public record Readiness(boolean ready, String reason) {
    public static Readiness yes() {
        return new Readiness(true, "ready");
    }

    public static Readiness no(String reason) {
        return new Readiness(false, reason);
    }
}
