package ist.spike.nexus.store;

/**
 * A stored record failed authentication: it was altered, moved to another row, or encrypted under
 * another key. The data is never returned in that case.
 */
public class StoreIntegrityException extends StoreException {
    public StoreIntegrityException(String message) {
        super(message);
    }
}
