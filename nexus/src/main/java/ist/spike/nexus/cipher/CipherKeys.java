package ist.spike.nexus.cipher;

import ist.spike.common.crypto.AesGcm;
import ist.spike.common.crypto.SecretBytes;
import ist.spike.nexus.keyring.KeyPurpose;
import ist.spike.nexus.keyring.LiveKeyring;
import java.util.ArrayList;
import java.util.List;

/** The keys the cipher service encrypts with (one) and tries when decrypting (newest first). */
public interface CipherKeys {
    /** The key for one new ciphertext (counted against its encryption budget). */
    AesGcm encrypting();

    /** Every key a ciphertext may have been made with, newest first. */
    List<AesGcm> decrypting();

    /** The keyring's cipher keys: the active one encrypts, every usable one decrypts. */
    static CipherKeys of(LiveKeyring keyring) {
        return new CipherKeys() {
            @Override
            public AesGcm encrypting() {
                return keyring.encryptingKey(KeyPurpose.CIPHER).aead();
            }

            @Override
            public List<AesGcm> decrypting() {
                List<AesGcm> out = new ArrayList<>();
                keyring.keyring().usable(KeyPurpose.CIPHER)
                        .forEach(k -> out.add(keyring.openingKey(KeyPurpose.CIPHER, k.generation())));
                return out;
            }
        };
    }

    /** One key for everything (the lite backend, which keeps no keyring). */
    static CipherKeys single(SecretBytes key) {
        AesGcm aead = AesGcm.create(key);
        return new CipherKeys() {
            @Override
            public AesGcm encrypting() {
                return aead;
            }

            @Override
            public List<AesGcm> decrypting() {
                return List.of(aead);
            }
        };
    }
}
