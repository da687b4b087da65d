package ist.spike.common.wire;

/**
 * A request or response body that Go's encoding/json would also refuse: empty, not JSON, not an object,
 * trailing data, or a value of the wrong type. Routes answer it with 400 {@code api_bad_request}.
 *
 * <p>The message names the target type, the kind of problem and where (line, column, field path); it never
 * quotes the body, which may hold secrets. For the same reason the parser's own exception is not kept as
 * the cause.
 */
public final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedJsonException(Class<?> target, String problem) {
        super("malformed JSON for " + target.getSimpleName() + ": " + problem);
    }
}
