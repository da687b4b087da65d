package ist.spike.common.shamir;

import java.util.Arrays;

/**
 * An element of the P-256 scalar field, kept in Montgomery form. Operations return new scalars;
 * callers {@link #destroy()} the ones that held secrets once they are done with them.
 */
final class Scalar {
    /** N - 2, the Fermat inversion exponent (public, so branching on its bits leaks nothing). */
    private static final long[] INVERSION_EXPONENT = nMinusTwo();

    private final long[] mont;

    private Scalar(long[] mont) {
        this.mont = mont;
    }

    /** True when {@code bytes} is 32 bytes encoding, big-endian, a value below N. */
    static boolean isCanonical(byte[] bytes) {
        if (bytes.length != ScalarField.BYTES) {
            return false;
        }
        long[] limbs = ScalarField.fromBigEndian(bytes);
        long below = ScalarField.lessThanN(limbs);
        Arrays.fill(limbs, 0);
        return below == 1;
    }

    /** Decodes 32 big-endian bytes; rejects values not below N, as circl's UnmarshalBinary does. */
    static Scalar fromCanonicalBytes(byte[] bytes) {
        if (!isCanonical(bytes)) {
            throw new IllegalArgumentException("not a canonical P-256 scalar (must be 32 bytes, below the group order)");
        }
        long[] plain = ScalarField.fromBigEndian(bytes);
        long[] mont = new long[ScalarField.LIMBS];
        ScalarField.montMul(mont, plain, ScalarField.R2);
        Arrays.fill(plain, 0);
        return new Scalar(mont);
    }

    /** A small non-negative integer such as a share's x-coordinate. */
    static Scalar of(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative scalar");
        }
        long[] plain = new long[ScalarField.LIMBS];
        plain[0] = value;
        long[] mont = new long[ScalarField.LIMBS];
        ScalarField.montMul(mont, plain, ScalarField.R2);
        return new Scalar(mont);
    }

    /** The value as 32 big-endian bytes. */
    byte[] toBytes() {
        long[] plain = new long[ScalarField.LIMBS];
        ScalarField.montMul(plain, mont, ScalarField.ONE);
        byte[] out = ScalarField.toBigEndian(plain);
        Arrays.fill(plain, 0);
        return out;
    }

    /** An independent copy, so the original can be destroyed separately. */
    Scalar copy() {
        return new Scalar(mont.clone());
    }

    Scalar plus(Scalar other) {
        long[] out = new long[ScalarField.LIMBS];
        ScalarField.add(out, mont, other.mont);
        return new Scalar(out);
    }

    Scalar minus(Scalar other) {
        long[] out = new long[ScalarField.LIMBS];
        ScalarField.sub(out, mont, other.mont);
        return new Scalar(out);
    }

    Scalar times(Scalar other) {
        long[] out = new long[ScalarField.LIMBS];
        ScalarField.montMul(out, mont, other.mont);
        return new Scalar(out);
    }

    /** The multiplicative inverse, a^(N-2); zero maps to zero. */
    Scalar inverse() {
        long[] result = ScalarField.R.clone(); // 1 in Montgomery form
        for (int bit = ScalarField.LIMBS * 32 - 1; bit >= 0; bit--) {
            ScalarField.montMul(result, result, result);
            if (((INVERSION_EXPONENT[bit / 32] >>> (bit % 32)) & 1) == 1) {
                ScalarField.montMul(result, result, mont);
            }
        }
        return new Scalar(result);
    }

    /** Zeroes the limbs; the scalar must not be used afterwards. */
    void destroy() {
        Arrays.fill(mont, 0);
    }

    private static long[] nMinusTwo() {
        long[] exponent = ScalarField.N.clone();
        exponent[0] -= 2; // the low limb of N is far above 2, so nothing borrows
        return exponent;
    }

    @Override
    public String toString() {
        return "Scalar[redacted]";
    }
}
