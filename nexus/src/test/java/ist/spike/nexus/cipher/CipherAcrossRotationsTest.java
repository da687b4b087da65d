package ist.spike.nexus.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ist.spike.common.crypto.AeadException;
import ist.spike.common.crypto.AesGcm;
import ist.spike.nexus.keyring.KeyPurpose;
import ist.spike.nexus.store.sealed.KeyRotation;
import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.Rotations;
import ist.spike.nexus.testing.TestKeys;
import ist.spike.nexus.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ciphertexts from before rotations still decrypt; new ones are made with the newest cipher key only. */
class CipherAcrossRotationsTest {
    private static final byte[] TEXT = "across rotations".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void oldCiphertextsDecryptAndNewOnesUseTheNewestKey() throws Exception {
        try (SealedBackend store = TestStores.sqlite(dir, TestKeys.fixed(1));
                KeyRotation rotation = new KeyRotation(store, Clock.systemUTC(), Rotations.settings())) {
            CipherService cipher = new CipherService();
            cipher.use(CipherKeys.of(store.keyring()));
            AesGcm.Detached first = cipher.encrypt(TEXT);
            for (int i = 0; i < 2; i++) {
                rotation.rotate();
                Rotations.awaitDone(rotation);
            }
            AesGcm.Detached third = cipher.encrypt(TEXT);
            assertArrayEquals(TEXT, cipher.decrypt(first.nonce(), first.ciphertext()));
            assertArrayEquals(TEXT, cipher.decrypt(third.nonce(), third.ciphertext()));
            AesGcm generation1 = store.keyring().openingKey(KeyPurpose.CIPHER, 1);
            AesGcm generation3 = store.keyring().openingKey(KeyPurpose.CIPHER, 3);
            assertArrayEquals(TEXT, generation1.openDetached(first.nonce(), first.ciphertext(), AesGcm.NO_ASSOCIATED_DATA));
            assertArrayEquals(TEXT, generation3.openDetached(third.nonce(), third.ciphertext(), AesGcm.NO_ASSOCIATED_DATA));
            assertThrows(AeadException.class,
                    () -> generation1.openDetached(third.nonce(), third.ciphertext(), AesGcm.NO_ASSOCIATED_DATA));
            // Storage keys never open a cipher ciphertext: no key serves both.
            AesGcm storage3 = store.keyring().openingKey(KeyPurpose.STORAGE, 3);
            assertThrows(AeadException.class,
                    () -> storage3.openDetached(third.nonce(), third.ciphertext(), AesGcm.NO_ASSOCIATED_DATA));
        }
    }
}
