package ist.spike.common.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AesGcmTest {
    private static final byte[] AAD = "record:spike/secret/a".getBytes(UTF_8);
    private static final byte[] PLAINTEXT = "the quick brown fox".getBytes(UTF_8);

    private final AesGcm aead = AesGcm.create(SecretBytes.random(AesGcm.KEY_LENGTH));

    @Test
    void sealThenOpenGivesBackThePlaintext() throws Exception {
        byte[] sealed = aead.seal(PLAINTEXT, AAD);

        assertEquals(AesGcm.NONCE_LENGTH + PLAINTEXT.length + AesGcm.TAG_LENGTH, sealed.length);
        assertArrayEquals(PLAINTEXT, aead.open(sealed, AAD));
    }

    @Test
    void detachedRoundTrip() throws Exception {
        AesGcm.Detached d = aead.sealDetached(PLAINTEXT, AAD);

        assertEquals(AesGcm.NONCE_LENGTH, d.nonce().length);
        assertEquals(PLAINTEXT.length + AesGcm.TAG_LENGTH, d.ciphertext().length);
        assertArrayEquals(PLAINTEXT, aead.openDetached(d.nonce(), d.ciphertext(), AAD));
    }

    @Test
    void detachedAndAttachedFormsAreInterchangeable() throws Exception {
        AesGcm.Detached d = aead.sealDetached(PLAINTEXT, AAD);
        byte[] joined = concat(d.nonce(), d.ciphertext());

        assertArrayEquals(PLAINTEXT, aead.open(joined, AAD));

        byte[] sealed = aead.seal(PLAINTEXT, AAD);
        byte[] nonce = Arrays.copyOf(sealed, AesGcm.NONCE_LENGTH);
        byte[] ct = Arrays.copyOfRange(sealed, AesGcm.NONCE_LENGTH, sealed.length);
        assertArrayEquals(PLAINTEXT, aead.openDetached(nonce, ct, AAD));
    }

    @Test
    void emptyPlaintextAndEmptyAssociatedDataWork() throws Exception {
        byte[] sealed = aead.seal(new byte[0], AesGcm.NO_ASSOCIATED_DATA);

        assertEquals(0, aead.open(sealed, AesGcm.NO_ASSOCIATED_DATA).length);
    }

    @Test
    void largePlaintextRoundTrips() throws Exception {
        byte[] big = Randomness.bytes(1 << 20);

        assertArrayEquals(big, aead.open(aead.seal(big, AAD), AAD));
    }

    @Test
    void flippedCiphertextBitIsRejected() {
        byte[] sealed = aead.seal(PLAINTEXT, AAD);
        sealed[AesGcm.NONCE_LENGTH + 3] ^= 0x01;

        assertThrows(AeadException.class, () -> aead.open(sealed, AAD));
    }

    @Test
    void flippedTagBitIsRejected() {
        byte[] sealed = aead.seal(PLAINTEXT, AAD);
        sealed[sealed.length - 1] ^= (byte) 0x80;

        assertThrows(AeadException.class, () -> aead.open(sealed, AAD));
    }

    @Test
    void flippedNonceBitIsRejected() {
        byte[] sealed = aead.seal(PLAINTEXT, AAD);
        sealed[0] ^= 0x01;

        assertThrows(AeadException.class, () -> aead.open(sealed, AAD));
    }

    @Test
    void flippedAssociatedDataBitIsRejected() {
        byte[] sealed = aead.seal(PLAINTEXT, AAD);
        byte[] otherAad = AAD.clone();
        otherAad[otherAad.length - 1] ^= 0x01;

        assertThrows(AeadException.class, () -> aead.open(sealed, otherAad));
    }

    @Test
    void missingAssociatedDataIsRejected() {
        byte[] sealed = aead.seal(PLAINTEXT, AAD);

        assertThrows(AeadException.class, () -> aead.open(sealed, AesGcm.NO_ASSOCIATED_DATA));
    }

    @Test
    void everySingleBitFlipIsRejected() {
        byte[] sealed = aead.seal(PLAINTEXT, AAD);
        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] tampered = sealed.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(AeadException.class, () -> aead.open(tampered, AAD), "bit " + bit);
        }
    }

    @Test
    void detachedTamperingIsRejected() {
        AesGcm.Detached d = aead.sealDetached(PLAINTEXT, AAD);
        byte[] nonce = d.nonce().clone();
        nonce[5] ^= 0x10;
        byte[] ct = d.ciphertext().clone();
        ct[0] ^= 0x10;

        assertThrows(AeadException.class, () -> aead.openDetached(nonce, d.ciphertext(), AAD));
        assertThrows(AeadException.class, () -> aead.openDetached(d.nonce(), ct, AAD));
    }

    @Test
    void truncatedInputIsRejected() {
        byte[] sealed = aead.seal(PLAINTEXT, AAD);

        assertThrows(AeadException.class,
                () -> aead.open(Arrays.copyOf(sealed, sealed.length - 1), AAD));
        assertThrows(AeadException.class,
                () -> aead.open(new byte[AesGcm.NONCE_LENGTH + AesGcm.TAG_LENGTH - 1], AAD));
        assertThrows(AeadException.class,
                () -> aead.openDetached(new byte[AesGcm.NONCE_LENGTH], new byte[AesGcm.TAG_LENGTH - 1], AAD));
    }

    @Test
    void wrongNonceLengthIsRejected() {
        AesGcm.Detached d = aead.sealDetached(PLAINTEXT, AAD);

        assertThrows(AeadException.class, () -> aead.openDetached(new byte[16], d.ciphertext(), AAD));
    }

    @Test
    void wrongKeyFails() {
        byte[] sealed = aead.seal(PLAINTEXT, AAD);
        AesGcm other = AesGcm.create(SecretBytes.random(AesGcm.KEY_LENGTH));

        assertThrows(AeadException.class, () -> other.open(sealed, AAD));
    }

    @Test
    void sameKeyInAnotherInstanceOpens() throws Exception {
        byte[] key = Randomness.bytes(AesGcm.KEY_LENGTH);
        byte[] sealed = AesGcm.create(SecretBytes.copyOf(key)).seal(PLAINTEXT, AAD);

        assertArrayEquals(PLAINTEXT, AesGcm.create(SecretBytes.copyOf(key)).open(sealed, AAD));
    }

    @Test
    void destroyingTheKeyAfterCreateDoesNotAffectTheAead() throws Exception {
        SecretBytes key = SecretBytes.random(AesGcm.KEY_LENGTH);
        AesGcm own = AesGcm.create(key);
        key.destroy();

        assertArrayEquals(PLAINTEXT, own.open(own.seal(PLAINTEXT, AAD), AAD));
    }

    @Test
    void twoSealsOfTheSamePlaintextUseDifferentNonces() {
        byte[] a = aead.seal(PLAINTEXT, AAD);
        byte[] b = aead.seal(PLAINTEXT, AAD);

        assertFalse(Arrays.equals(Arrays.copyOf(a, AesGcm.NONCE_LENGTH), Arrays.copyOf(b, AesGcm.NONCE_LENGTH)));
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void nullAssociatedDataIsRejected() {
        byte[] sealed = aead.seal(PLAINTEXT, AAD);

        assertThrows(NullPointerException.class, () -> aead.seal(PLAINTEXT, null));
        assertThrows(NullPointerException.class, () -> aead.sealDetached(PLAINTEXT, null));
        assertThrows(NullPointerException.class, () -> aead.open(sealed, null));
        assertThrows(NullPointerException.class, () -> aead.openDetached(
                Arrays.copyOf(sealed, AesGcm.NONCE_LENGTH),
                Arrays.copyOfRange(sealed, AesGcm.NONCE_LENGTH, sealed.length), null));
    }

    @Test
    void wrongKeyLengthIsRejected() {
        for (int length : new int[] {0, 16, 24, 31, 33, 64}) {
            SecretBytes key = SecretBytes.random(length);
            assertThrows(IllegalArgumentException.class, () -> AesGcm.create(key), "length " + length);
        }
    }

    @Test
    void toStringDoesNotRevealTheKey() {
        byte[] key = new byte[AesGcm.KEY_LENGTH];
        Arrays.fill(key, (byte) 0x41);

        String text = AesGcm.create(SecretBytes.copyOf(key)).toString();

        assertFalse(text.contains("AAAA"));
        assertFalse(text.contains("4141"));
    }

    @Test
    void oneInstanceIsSafeAcrossManyThreads() throws Exception {
        int threads = 8;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int worker = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < perThread; i++) {
                        byte[] plaintext = ("worker " + worker + " message " + i).getBytes(UTF_8);
                        byte[] aad = ("aad " + worker + "/" + i).getBytes(UTF_8);
                        if (i % 2 == 0) {
                            assertArrayEquals(plaintext, aead.open(aead.seal(plaintext, aad), aad));
                        } else {
                            AesGcm.Detached d = aead.sealDetached(plaintext, aad);
                            assertArrayEquals(plaintext, aead.openDetached(d.nonce(), d.ciphertext(), aad));
                            // A pooled cipher must not carry state into the next call after a failure.
                            byte[] tampered = d.ciphertext().clone();
                            tampered[0] ^= 1;
                            assertThrows(AeadException.class, () -> aead.openDetached(d.nonce(), tampered, aad));
                        }
                        ok++;
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(2, TimeUnit.MINUTES);
            }
            assertEquals(threads * perThread, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aeadExceptionSaysNothingAboutTheData() {
        byte[] secretText = "hunter2-super-secret".getBytes(UTF_8);
        byte[] sealed = aead.seal(secretText, AAD);
        sealed[sealed.length - 1] ^= 1;

        AeadException e = assertThrows(AeadException.class, () -> aead.open(sealed, AAD));

        assertFalse(e.getMessage().contains("hunter2"));
        assertTrue(e.getCause() == null);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
