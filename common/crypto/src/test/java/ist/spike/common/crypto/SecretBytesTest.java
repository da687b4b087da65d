package ist.spike.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBytesTest {
    private static final byte[] MATERIAL = HexFormat.of().parseHex("deadbeefcafebabe0123456789abcdef");

    @Test
    void toStringDoesNotContainTheBytes() {
        String text = SecretBytes.copyOf(MATERIAL).toString();

        assertFalse(text.toLowerCase().contains("deadbeef"));
        assertFalse(text.contains("[-34"), "no Arrays.toString form");
        assertFalse(text.contains("3q2+7w"), "no base64 form");
        assertTrue(text.contains("redacted"));
    }

    @Test
    void copyOfIsIndependentOfTheCallersArray() {
        byte[] mine = MATERIAL.clone();
        SecretBytes secret = SecretBytes.copyOf(mine);
        mine[0] = 0;

        assertArrayEquals(MATERIAL, secret.copyRawBytes());
    }

    @Test
    void copyRawBytesReturnsAFreshCopy() {
        SecretBytes secret = SecretBytes.copyOf(MATERIAL);
        byte[] a = secret.copyRawBytes();
        a[0] = 0;

        assertNotSame(a, secret.copyRawBytes());
        assertArrayEquals(MATERIAL, secret.copyRawBytes());
    }

    @Test
    void destroyZeroesTheBytes() {
        byte[] owned = MATERIAL.clone();
        SecretBytes secret = SecretBytes.wrap(owned);

        secret.destroy();

        assertTrue(secret.isDestroyed());
        assertArrayEquals(new byte[MATERIAL.length], owned);
    }

    @Test
    void useAfterDestroyThrows() {
        SecretBytes secret = SecretBytes.copyOf(MATERIAL);
        SecretBytes other = SecretBytes.copyOf(MATERIAL);
        secret.destroy();

        assertThrows(IllegalStateException.class, secret::copyRawBytes);
        assertThrows(IllegalStateException.class, () -> secret.sameAs(other));
        assertThrows(IllegalStateException.class, () -> other.sameAs(secret));
        assertThrows(IllegalStateException.class, () -> AesGcm.create(secretOf32Destroyed()));
    }

    @Test
    void destroyTwiceIsHarmless() {
        SecretBytes secret = SecretBytes.copyOf(MATERIAL);
        secret.destroy();
        secret.destroy();

        assertTrue(secret.isDestroyed());
    }

    @Test
    void sameAsComparesContent() {
        assertTrue(SecretBytes.copyOf(MATERIAL).sameAs(SecretBytes.copyOf(MATERIAL)));
        byte[] other = MATERIAL.clone();
        other[15] ^= 1;
        assertFalse(SecretBytes.copyOf(MATERIAL).sameAs(SecretBytes.copyOf(other)));
        assertFalse(SecretBytes.copyOf(MATERIAL).sameAs(SecretBytes.copyOf(new byte[4])));
    }

    @Test
    void randomGivesTheRequestedLengthAndDiffers() {
        SecretBytes a = SecretBytes.random(32);
        SecretBytes b = SecretBytes.random(32);

        assertEquals(32, a.length());
        assertFalse(a.sameAs(b));
    }

    private static SecretBytes secretOf32Destroyed() {
        SecretBytes s = SecretBytes.random(32);
        s.destroy();
        return s;
    }
}
