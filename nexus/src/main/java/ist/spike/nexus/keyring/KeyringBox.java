package ist.spike.nexus.keyring;

import ist.spike.common.crypto.AeadException;
import ist.spike.common.crypto.AesGcm;
import ist.spike.common.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Seals the keyring under a root key. The associated data names the root epoch, so a copy sealed for one
 * epoch cannot be passed off as another's. Opening with the wrong root key fails: this is the store's
 * key check.
 */
public final class KeyringBox {
    private KeyringBox() {}

    public static byte[] seal(Keyring keyring, SecretBytes rootKey, int epoch) {
        byte[] plain = KeyringCodec.encode(keyring);
        try {
            return AesGcm.create(rootKey).seal(plain, associatedData(epoch));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The keyring sealed for {@code epoch}, or {@link WrongKeyException} if {@code rootKey} is not the key
     * that sealed it (or the bytes were altered).
     */
    public static Keyring open(byte[] sealed, SecretBytes rootKey, int epoch) throws WrongKeyException {
        byte[] plain;
        try {
            plain = AesGcm.create(rootKey).open(sealed, associatedData(epoch));
        } catch (AeadException e) {
            throw new WrongKeyException();
        }
        try {
            Keyring keyring = KeyringCodec.decode(plain);
            if (keyring.rootEpoch() != epoch) {
                throw new WrongKeyException();
            }
            return keyring;
        } catch (IllegalArgumentException e) {
            throw new WrongKeyException();
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] associatedData(int epoch) {
        return ("spike-keyring-v1/epoch/" + epoch).getBytes(StandardCharsets.US_ASCII);
    }

    /** The root key does not open this keyring copy. */
    public static final class WrongKeyException extends Exception {
        public WrongKeyException() {
            super("the root key does not open the keyring");
        }
    }
}
