package ist.spike.common.crypto;

/** Decryption failed: wrong key, tampered data or wrong associated data. Never carries data. */
public final class AeadException extends Exception {
    public AeadException(String message) {
        super(message);
    }
}
