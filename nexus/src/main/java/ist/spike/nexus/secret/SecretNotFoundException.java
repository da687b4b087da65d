package ist.spike.nexus.secret;

/**
 * The path, or the requested version, does not exist or is deleted (HTTP 404 {@code api_not_found}).
 * Names the path, never a value.
 */
public final class SecretNotFoundException extends RuntimeException {
    public SecretNotFoundException(String message) {
        super(message);
    }

    static SecretNotFoundException path(String path) {
        return new SecretNotFoundException("no secret at path '" + path + "'");
    }

    static SecretNotFoundException version(String path, int version) {
        return new SecretNotFoundException(version == 0
                ? "secret at path '" + path + "' has no live version"
                : "secret at path '" + path + "' has no live version " + version);
    }
}
