package ist.spike.pilot.command;

/** Bad input caught before anything is sent to Nexus; exits with code 1. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
