package ist.spike.common.shamir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.crypto.SecretBytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShamirRejectionTest {
    private static final byte[] KEY =
            HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    private static List<Share> threeOfFive() {
        return Shamir.split(SecretBytes.copyOf(KEY), 3, 5);
    }

    @Test
    void rootKeyAtOrAboveTheOrderIsRejected() {
        for (BigInteger bad : List.of(Scalars.N, Scalars.N.add(BigInteger.ONE),
                Scalars.TWO_256.subtract(BigInteger.ONE))) {
            SecretBytes key = SecretBytes.copyOf(Scalars.bytes(bad));
            assertFalse(Shamir.isValidRootKey(key));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Shamir.split(key, 2, 3));
            assertFalse(e.getMessage().toLowerCase().contains("ffffffff"), "no key material in messages");
        }
        SecretBytes highest = SecretBytes.copyOf(Scalars.bytes(Scalars.N.subtract(BigInteger.ONE)));
        assertTrue(Shamir.isValidRootKey(highest));
        assertTrue(Shamir.recover(Shamir.split(highest, 2, 3), 2).sameAs(highest));
    }

    @Test
    void rootKeyOfWrongLengthIsRejected() {
        for (int length : new int[] {0, 16, 31, 33, 64}) {
            SecretBytes key = SecretBytes.copyOf(new byte[length]);
            assertFalse(Shamir.isValidRootKey(key));
            assertThrows(IllegalArgumentException.class, () -> Shamir.split(key, 2, 3), "length " + length);
        }
    }

    @Test
    void zeroKeyIsValid() {
        SecretBytes zero = SecretBytes.copyOf(new byte[32]);
        assertTrue(Shamir.recover(Shamir.split(zero, 2, 3), 2).sameAs(zero));
    }

    @Test
    void badCountsAreRejected() {
        SecretBytes key = SecretBytes.copyOf(KEY);
        assertThrows(IllegalArgumentException.class, () -> Shamir.split(key, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Shamir.split(key, 4, 3));
        assertThrows(IllegalArgumentException.class, () -> Shamir.split(key, -1, 3));
        assertThrows(IllegalArgumentException.class, () -> Shamir.split(key, 2, Shamir.MAX_SHARES + 1));
        assertThrows(IllegalArgumentException.class, () -> Shamir.recover(threeOfFive(), 0));
    }

    @Test
    void destroyedKeyIsRejected() {
        SecretBytes key = SecretBytes.copyOf(KEY);
        key.destroy();
        assertThrows(IllegalStateException.class, () -> Shamir.split(key, 2, 3));
    }

    @Test
    void fewerSharesThanThresholdAreRejected() {
        List<Share> shares = threeOfFive();
        assertThrows(IllegalArgumentException.class, () -> Shamir.recover(shares.subList(0, 2), 3));
        assertThrows(IllegalArgumentException.class, () -> Shamir.recover(List.of(), 1));
    }

    @Test
    void duplicateIdsAreRejected() {
        List<Share> shares = threeOfFive();
        List<Share> withDuplicate = List.of(shares.get(0), shares.get(1), shares.get(0));
        assertThrows(IllegalArgumentException.class, () -> Shamir.recover(withDuplicate, 3));

        // Same id, different value: still a duplicate.
        Share forged = new Share(2, shares.get(3).value());
        assertThrows(IllegalArgumentException.class,
                () -> Shamir.recover(List.of(shares.get(0), shares.get(1), forged), 3));

        // Also beyond the first threshold shares: the whole input must be consistent.
        assertThrows(IllegalArgumentException.class, () -> Shamir.recover(
                List.of(shares.get(0), shares.get(1), shares.get(2), shares.get(1)), 3));
    }

    @Test
    void nullsAreRejected() {
        List<Share> withNull = new ArrayList<>(threeOfFive());
        withNull.set(1, null);
        assertThrows(NullPointerException.class, () -> Shamir.recover(withNull, 3));
        assertThrows(NullPointerException.class, () -> Shamir.recover(null, 3));
        assertThrows(NullPointerException.class, () -> Shamir.split(null, 2, 3));
    }

    @Test
    void onlyTheFirstThresholdSharesAreUsed() {
        List<Share> shares = threeOfFive();
        // A wrong (but well-formed) share after the first three is ignored, as upstream does.
        Share wrong = new Share(5, new byte[32]);
        SecretBytes fromFirst = Shamir.recover(List.of(shares.get(0), shares.get(1), shares.get(2), wrong), 3);
        assertArrayEquals(KEY, fromFirst.copyRawBytes());

        // Inside the first three it changes the result (no error: Shamir alone cannot tell).
        SecretBytes corrupted = Shamir.recover(List.of(shares.get(0), wrong, shares.get(2)), 3);
        assertFalse(corrupted.sameAs(SecretBytes.copyOf(KEY)));
    }

    @Test
    void malformedSharesCannotBeBuilt() {
        byte[] ok = new byte[32];
        assertThrows(IllegalArgumentException.class, () -> new Share(0, ok));
        assertThrows(IllegalArgumentException.class, () -> new Share(-1, ok));
        assertThrows(IllegalArgumentException.class, () -> new Share(Shamir.MAX_SHARES + 1, ok));
        assertThrows(IllegalArgumentException.class, () -> new Share(1, new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> new Share(1, new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> new Share(1, null));
        assertThrows(IllegalArgumentException.class, () -> new Share(1, Scalars.bytes(Scalars.N)));
    }
}
