package ist.spike.nexus.cipher;

import ist.spike.common.crypto.AeadException;
import ist.spike.common.crypto.AesGcm;
import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.wire.cipher.CipherBlob;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Encryption as a service (docs/policies-and-cipher.md): AES-256-GCM, a fresh random 12-byte nonce per call, the
 * 16-byte tag appended, and <em>no associated data</em>, so that ciphertexts are interchangeable with
 * upstream SPIKE's. The key never leaves this class. With a persistent or lite backend it is the root
 * key itself (as upstream); with the memory backend a random key made at start (nothing survives a
 * restart there anyway).
 */
public final class CipherService {
    private final AtomicReference<AesGcm> aead = new AtomicReference<>();

    /** Sets the key once (copied); a second call is ignored, as the root key is never replaced. */
    public void useKey(SecretBytes key) {
        aead.compareAndSet(null, AesGcm.create(key));
    }

    /** For the memory backend: a random key for the life of this process. */
    public void useRandomKey() {
        SecretBytes key = SecretBytes.random(AesGcm.KEY_LENGTH);
        try {
            useKey(key);
        } finally {
            key.destroy();
        }
    }

    public boolean isReady() {
        return aead.get() != null;
    }

    /** Nonce and ciphertext-with-tag, as the JSON mode returns them. */
    public AesGcm.Detached encrypt(byte[] plaintext) {
        return key().sealDetached(plaintext, AesGcm.NO_ASSOCIATED_DATA);
    }

    /** @throws AeadException when the ciphertext, nonce or tag were altered or made under another key */
    public byte[] decrypt(byte[] nonce, byte[] ciphertext) throws AeadException {
        return key().openDetached(nonce, ciphertext, AesGcm.NO_ASSOCIATED_DATA);
    }

    /** The stream mode's blob: {@code 0x01 || nonce || ciphertext || tag}. */
    public byte[] encryptToBlob(byte[] plaintext) {
        AesGcm.Detached sealed = encrypt(plaintext);
        return CipherBlob.join(sealed.nonce(), sealed.ciphertext());
    }

    private AesGcm key() {
        AesGcm current = aead.get();
        if (current == null) {
            throw new IllegalStateException("the cipher has no key yet");
        }
        return current;
    }

    @Override
    public String toString() {
        return "CipherService[key redacted]";
    }
}
