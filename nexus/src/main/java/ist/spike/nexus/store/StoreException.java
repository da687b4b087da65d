package ist.spike.nexus.store;

/** Storage failed (I/O, SQL, a closed store). Messages never carry secret data. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
