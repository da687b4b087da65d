package ist.spike.common.shamir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.crypto.SecretBytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Split then recover on random keys and random (t, n), checked by an independent oracle. */
class ShamirPropertyTest {
    private static final int KEYS = 300;

    @Test
    void anyThresholdOfSharesRecoversTheKey() {
        Random random = new Random(42);
        for (int round = 0; round < KEYS; round++) {
            SecretBytes key = Shamir.newRootKey();
            int n = random.nextInt(1, 11);
            int t = random.nextInt(1, n + 1);

            List<Share> shares = Shamir.split(key, t, n);

            assertEquals(n, shares.size());
            for (int i = 0; i < n; i++) {
                assertEquals(i + 1, shares.get(i).id());
            }
            for (int trial = 0; trial < 5; trial++) {
                List<Share> subset = new ArrayList<>(shares);
                Collections.shuffle(subset, random);
                subset = subset.subList(0, random.nextInt(t, n + 1));
                assertTrue(Shamir.recover(subset, t).sameAs(key), "t=" + t + " n=" + n);
            }
        }
    }

    @Test
    void fewerThanThresholdSharesGiveAnUnrelatedValue() {
        // With t-1 shares treated as a (t-1)-threshold set, interpolation yields something else.
        Random random = new Random(5);
        for (int round = 0; round < 50; round++) {
            SecretBytes key = Shamir.newRootKey();
            int t = random.nextInt(2, 8);
            List<Share> shares = Shamir.split(key, t, t + 2);

            assertFalse(Shamir.recover(shares.subList(0, t - 1), t - 1).sameAs(key));
        }
    }

    @Test
    void sharesMatchAnIndependentBigIntegerImplementation() throws Exception {
        Random random = new Random(8);
        for (int round = 0; round < 50; round++) {
            SecretBytes key = Shamir.newRootKey();
            int n = random.nextInt(1, 11);
            int t = random.nextInt(1, n + 1);

            List<Share> shares = Shamir.split(key, t, n);

            List<BigInteger> expected = oracleShares(key.copyRawBytes(), t, n);
            for (int i = 0; i < n; i++) {
                assertEquals(expected.get(i), Scalars.big(shares.get(i).value()));
            }
        }
    }

    @Test
    void thresholdOneGivesTheKeyAsEveryShare() {
        SecretBytes key = Shamir.newRootKey();
        for (Share share : Shamir.split(key, 1, 4)) {
            assertTrue(SecretBytes.wrap(share.value()).sameAs(key));
        }
    }

    @Test
    void newRootKeysAreValidAndDistinct() {
        Set<BigInteger> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            SecretBytes key = Shamir.newRootKey();
            assertEquals(Shamir.KEY_LENGTH, key.length());
            assertTrue(Shamir.isValidRootKey(key));
            assertTrue(seen.add(Scalars.big(key.copyRawBytes())));
        }
    }

    /** Upstream's deterministic split (ADR-0001) written with BigInteger and the JDK's SHA-256. */
    private static List<BigInteger> oracleShares(byte[] rootKey, int t, int n) throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        List<BigInteger> c = new ArrayList<>();
        c.add(new BigInteger(1, rootKey));
        byte[] block = sha.digest(rootKey);
        while (c.size() < t) {
            BigInteger candidate = new BigInteger(1, block);
            if (candidate.compareTo(Scalars.N) < 0) {
                c.add(candidate);
            }
            block = sha.digest(block);
        }
        List<BigInteger> out = new ArrayList<>();
        for (int x = 1; x <= n; x++) {
            BigInteger y = BigInteger.ZERO;
            for (int i = c.size() - 1; i >= 0; i--) {
                y = y.multiply(BigInteger.valueOf(x)).add(c.get(i)).mod(Scalars.N);
            }
            out.add(y);
        }
        return out;
    }
}
