package ist.spike.pilot.command;

/** How {@code spike} ends: scripts tell bad input from a failed request. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Usage or input error: nothing was sent to Nexus. */
    public static final int USAGE = 1;
    /** The request failed: Nexus answered an error, or could not be reached. */
    public static final int FAILED = 2;
    /** {@code spike status}: Nexus answered, and it is not healthy (its problems are printed). */
    public static final int UNHEALTHY = 3;

    private ExitCodes() {}
}
