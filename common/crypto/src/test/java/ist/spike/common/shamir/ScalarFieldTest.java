package ist.spike.common.shamir;

import static ist.spike.common.shamir.Scalars.N;
import static ist.spike.common.shamir.Scalars.TWO_256;
import static ist.spike.common.shamir.Scalars.big;
import static ist.spike.common.shamir.Scalars.bytes;
import static ist.spike.common.shamir.Scalars.scalar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScalarFieldTest {
    private static final int RANDOM_PAIRS = 5000;

    @Test
    void constantsMatchTheirDefinitions() {
        assertEquals(N, limbs(ScalarField.N));
        assertEquals(TWO_256.mod(N), limbs(ScalarField.R));
        assertEquals(TWO_256.multiply(TWO_256).mod(N), limbs(ScalarField.R2));
        BigInteger twoTo32 = BigInteger.ONE.shiftLeft(32);
        assertEquals(N.modInverse(twoTo32).negate().mod(twoTo32), BigInteger.valueOf(ScalarField.N0_INV));
    }

    @Test
    void encodingRoundTripsAndIsBigEndian() {
        byte[] in = new byte[32];
        for (int i = 0; i < 32; i++) {
            in[i] = (byte) i;
        }
        assertArrayEquals(in, ScalarField.toBigEndian(ScalarField.fromBigEndian(in)));
        assertArrayEquals(in, scalar(big(in)).toBytes());
        assertEquals(big(in), limbs(ScalarField.fromBigEndian(in)));
    }

    @Test
    void canonicalMeansBelowN() {
        assertTrue(Scalar.isCanonical(bytes(BigInteger.ZERO)));
        assertTrue(Scalar.isCanonical(bytes(N.subtract(BigInteger.ONE))));
        assertFalse(Scalar.isCanonical(bytes(N)));
        assertFalse(Scalar.isCanonical(bytes(N.add(BigInteger.ONE))));
        assertFalse(Scalar.isCanonical(bytes(TWO_256.subtract(BigInteger.ONE))));
        assertFalse(Scalar.isCanonical(new byte[31]));
        assertFalse(Scalar.isCanonical(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> Scalar.fromCanonicalBytes(bytes(N)));
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            BigInteger v = new BigInteger(256, random);
            if (i % 2 == 0) {
                v = N.add(new BigInteger(200, random)).min(TWO_256.subtract(BigInteger.ONE)); // just above N
            }
            assertEquals(v.compareTo(N) < 0, Scalar.isCanonical(bytes(v)), v.toString(16));
        }
    }

    @Test
    void smallIntegers() {
        for (int v : new int[] {0, 1, 2, 255, 65536, Integer.MAX_VALUE}) {
            assertEquals(BigInteger.valueOf(v), big(Scalar.of(v)));
        }
        assertThrows(IllegalArgumentException.class, () -> Scalar.of(-1));
    }

    @Test
    void edgeValuesAgreeWithBigInteger() {
        List<BigInteger> edges = Scalars.edgeValues();
        for (BigInteger a : edges) {
            for (BigInteger b : edges) {
                checkAllOperations(a, b);
            }
        }
    }

    @Test
    void randomValuesAgreeWithBigInteger() {
        Random random = new Random(20260725);
        for (int i = 0; i < RANDOM_PAIRS; i++) {
            checkAllOperations(Scalars.randomInteresting(random), Scalars.randomInteresting(random));
        }
    }

    @Test
    void inverseAgreesWithBigInteger() {
        Random random = new Random(99);
        List<BigInteger> values = new ArrayList<>(Scalars.edgeValues());
        for (int i = 0; i < 300; i++) {
            values.add(Scalars.randomInteresting(random));
        }
        for (BigInteger a : values) {
            BigInteger expected = a.signum() == 0 ? BigInteger.ZERO : a.modInverse(N);
            assertEquals(expected, big(scalar(a).inverse()), a.toString(16));
            if (a.signum() != 0) {
                assertEquals(BigInteger.ONE, big(scalar(a).times(scalar(a).inverse())));
            }
        }
    }

    @Test
    void rawFieldOperationsMayAliasTheirOutput() {
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            BigInteger a = Scalars.randomBelowN(random);
            BigInteger b = Scalars.randomBelowN(random);
            long[] x = ScalarField.fromBigEndian(bytes(a));
            long[] y = ScalarField.fromBigEndian(bytes(b));
            ScalarField.add(x, x, y);
            assertEquals(a.add(b).mod(N), limbs(x));
            ScalarField.sub(x, x, y);
            assertEquals(a, limbs(x));
            ScalarField.montMul(x, x, x);
            assertEquals(a.multiply(a).multiply(TWO_256.modInverse(N)).mod(N), limbs(x));
        }
    }

    @Test
    void destroyZeroesAndCopyIsIndependent() {
        Scalar a = scalar(BigInteger.valueOf(12345));
        Scalar copy = a.copy();
        a.destroy();

        assertEquals(BigInteger.ZERO, big(a));
        assertEquals(BigInteger.valueOf(12345), big(copy));
        assertFalse(copy.toString().contains("12345"));
    }

    private static void checkAllOperations(BigInteger a, BigInteger b) {
        Scalar x = scalar(a);
        Scalar y = scalar(b);
        String where = a.toString(16) + ", " + b.toString(16);
        assertEquals(a, big(x), where);
        assertEquals(a.add(b).mod(N), big(x.plus(y)), "add " + where);
        assertEquals(a.subtract(b).mod(N), big(x.minus(y)), "sub " + where);
        assertEquals(a.multiply(b).mod(N), big(x.times(y)), "mul " + where);
    }

    private static BigInteger limbs(long[] limbs) {
        BigInteger v = BigInteger.ZERO;
        for (int i = limbs.length - 1; i >= 0; i--) {
            assertTrue(limbs[i] >= 0 && limbs[i] <= 0xFFFFFFFFL, "limb out of range");
            v = v.shiftLeft(32).or(BigInteger.valueOf(limbs[i]));
        }
        return v;
    }
}
