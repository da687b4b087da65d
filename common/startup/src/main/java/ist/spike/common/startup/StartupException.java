package ist.spike.common.startup;

/** A program cannot start; the message is the one line the operator sees. */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }
}
