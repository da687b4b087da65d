package ist.spike.pilot.command;

/** The request went through but the answer means failure for the operator (exit code 2). */
public final class CommandFailedException extends RuntimeException {
    public CommandFailedException(String message) {
        super(message);
    }
}
