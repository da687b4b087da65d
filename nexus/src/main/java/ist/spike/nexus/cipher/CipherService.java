package ist.spike.nexus.cipher;

import ist.spike.common.crypto.AeadException;
import ist.spike.common.crypto.AesGcm;
import ist.spike.common.wire.cipher.CipherBlob;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Encryption as a service (docs/policies-and-cipher.md): AES-256-GCM, a fresh random 12-byte nonce per call, the
 * 16-byte tag appended, and <em>no associated data</em>, so that ciphertexts keep upstream SPIKE's format
 * (version 1, no key id). Keys never leave this class's {@link CipherKeys}: new ciphertexts use the
 * keyring's active cipher key; decryption tries every usable cipher key, newest first (a wrong key fails
 * the GCM tag), so ciphertexts from before a rotation, and from before keyrings (made under the root
 * key, kept as the legacy generation), still decrypt.
 */
public final class CipherService {
    private final AtomicReference<CipherKeys> keys = new AtomicReference<>();

    /** Sets the keys once; a second call is ignored. */
    public void use(CipherKeys chosen) {
        keys.compareAndSet(null, chosen);
    }

    public boolean isReady() {
        return keys.get() != null;
    }

    /** Nonce and ciphertext-with-tag, as the JSON mode returns them. */
    public AesGcm.Detached encrypt(byte[] plaintext) {
        return keys().encrypting().sealDetached(plaintext, AesGcm.NO_ASSOCIATED_DATA);
    }

    /** @throws AeadException when no key opens it: altered, or made under a key this keyring does not hold */
    public byte[] decrypt(byte[] nonce, byte[] ciphertext) throws AeadException {
        AeadException last = null;
        for (AesGcm key : keys().decrypting()) {
            try {
                return key.openDetached(nonce, ciphertext, AesGcm.NO_ASSOCIATED_DATA);
            } catch (AeadException e) {
                last = e;
            }
        }
        throw last != null ? last : new AeadException("no cipher key");
    }

    /** The stream mode's blob: {@code 0x01 || nonce || ciphertext || tag}. */
    public byte[] encryptToBlob(byte[] plaintext) {
        AesGcm.Detached sealed = encrypt(plaintext);
        return CipherBlob.join(sealed.nonce(), sealed.ciphertext());
    }

    private CipherKeys keys() {
        CipherKeys current = keys.get();
        if (current == null) {
            throw new IllegalStateException("the cipher has no key yet");
        }
        return current;
    }

    @Override
    public String toString() {
        return "CipherService[keys redacted]";
    }
}
