package ist.spike.common.shamir;

import java.util.Arrays;

/**
 * Arithmetic modulo the order N of the NIST P-256 group, on 8 little-endian 32-bit limbs held in
 * {@code long}s (so a limb product plus two carries fits in 64 unsigned bits).
 *
 * <p>No branch and no array index depends on a limb value: carries are shifts, and every
 * "subtract N if needed" is a masked select. Vault's Shamir code had a cache-timing leak through
 * table lookups; there are none here. Multiplication is Montgomery (CIOS) with R = 2^256.
 *
 * <p>Inputs to {@link #add}, {@link #sub} and {@link #montMul} must already be below N; outputs are.
 * The output array may alias an input.
 */
final class ScalarField {
    private ScalarField() {}

    static final int LIMBS = 8;
    static final int BYTES = 32;
    private static final long MASK = 0xFFFFFFFFL;

    /** N = FFFFFFFF 00000000 FFFFFFFF FFFFFFFF BCE6FAAD A7179E84 F3B9CAC2 FC632551. */
    static final long[] N = {
        0xfc632551L, 0xf3b9cac2L, 0xa7179e84L, 0xbce6faadL, 0xffffffffL, 0xffffffffL, 0x00000000L, 0xffffffffL
    };

    /** R^2 mod N: Montgomery-multiplying by it converts into Montgomery form. */
    static final long[] R2 = {
        0xbe79eea2L, 0x83244c95L, 0x49bd6fa6L, 0x4699799cL, 0x2b6bec59L, 0x2845b239L, 0xf3d95620L, 0x66e12d94L
    };

    /** R mod N, which is 1 in Montgomery form. */
    static final long[] R = {
        0x039cdaafL, 0x0c46353dL, 0x58e8617bL, 0x43190552L, 0x00000000L, 0x00000000L, 0xffffffffL, 0x00000000L
    };

    /** -N^-1 mod 2^32, the per-limb Montgomery reduction factor. */
    static final long N0_INV = 0xee00bc4fL;

    /** Plain 1 (not Montgomery form): Montgomery-multiplying by it converts out of Montgomery form. */
    static final long[] ONE = {1, 0, 0, 0, 0, 0, 0, 0};

    /** 32 big-endian bytes to limbs, without reduction. */
    static long[] fromBigEndian(byte[] in) {
        if (in.length != BYTES) {
            throw new IllegalArgumentException("a scalar is " + BYTES + " bytes, got " + in.length);
        }
        long[] out = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            int p = BYTES - 4 * (i + 1);
            out[i] = ((in[p] & 0xFFL) << 24) | ((in[p + 1] & 0xFFL) << 16) | ((in[p + 2] & 0xFFL) << 8)
                    | (in[p + 3] & 0xFFL);
        }
        return out;
    }

    /** Limbs to 32 big-endian bytes. */
    static byte[] toBigEndian(long[] a) {
        byte[] out = new byte[BYTES];
        for (int i = 0; i < LIMBS; i++) {
            int p = BYTES - 4 * (i + 1);
            out[p] = (byte) (a[i] >>> 24);
            out[p + 1] = (byte) (a[i] >>> 16);
            out[p + 2] = (byte) (a[i] >>> 8);
            out[p + 3] = (byte) a[i];
        }
        return out;
    }

    /** 1 when a < N, else 0: the borrow out of a - N. */
    static long lessThanN(long[] a) {
        long borrow = 0;
        for (int i = 0; i < LIMBS; i++) {
            borrow = (a[i] - N[i] - borrow) >>> 63;
        }
        return borrow;
    }

    /** out = a + b mod N. */
    static void add(long[] out, long[] a, long[] b) {
        long[] sum = new long[LIMBS];
        long carry = 0;
        for (int i = 0; i < LIMBS; i++) {
            long s = a[i] + b[i] + carry;
            sum[i] = s & MASK;
            carry = s >>> 32;
        }
        // The sum is below 2N; take sum - N unless that borrows (and the sum did not overflow 2^256).
        long[] reduced = new long[LIMBS];
        long borrow = subtractN(reduced, sum);
        select(out, carry | (borrow ^ 1), reduced, sum);
        Arrays.fill(sum, 0);
        Arrays.fill(reduced, 0);
    }

    /** out = a - b mod N. */
    static void sub(long[] out, long[] a, long[] b) {
        long borrow = 0;
        long[] diff = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            long d = a[i] - b[i] - borrow;
            diff[i] = d & MASK;
            borrow = d >>> 63;
        }
        // On borrow, add N back (masked, so the same instructions run either way).
        long addMask = -borrow;
        long carry = 0;
        for (int i = 0; i < LIMBS; i++) {
            long s = diff[i] + (N[i] & addMask) + carry;
            out[i] = s & MASK;
            carry = s >>> 32;
        }
        Arrays.fill(diff, 0);
    }

    /** out = a * b / R mod N (Montgomery product, coarsely integrated operand scanning). */
    static void montMul(long[] out, long[] a, long[] b) {
        long[] t = new long[LIMBS + 2];
        for (int i = 0; i < LIMBS; i++) {
            long carry = 0;
            for (int j = 0; j < LIMBS; j++) {
                long s = t[j] + a[j] * b[i] + carry; // at most 2^64 - 1: fits unsigned
                t[j] = s & MASK;
                carry = s >>> 32;
            }
            long s = t[LIMBS] + carry;
            t[LIMBS] = s & MASK;
            t[LIMBS + 1] = s >>> 32;

            long m = (t[0] * N0_INV) & MASK;
            carry = (t[0] + m * N[0]) >>> 32; // low limb becomes zero by construction
            for (int j = 1; j < LIMBS; j++) {
                s = t[j] + m * N[j] + carry;
                t[j - 1] = s & MASK;
                carry = s >>> 32;
            }
            s = t[LIMBS] + carry;
            t[LIMBS - 1] = s & MASK;
            t[LIMBS] = t[LIMBS + 1] + (s >>> 32);
        }
        // t < 2N: subtract N once unless that borrows (and t has no bit above 2^256).
        long[] low = Arrays.copyOf(t, LIMBS);
        long[] reduced = new long[LIMBS];
        long borrow = subtractN(reduced, low);
        select(out, t[LIMBS] | (borrow ^ 1), reduced, low);
        Arrays.fill(t, 0);
        Arrays.fill(low, 0);
        Arrays.fill(reduced, 0);
    }

    /** out = a - N mod 2^256; returns the borrow (1 when a < N). */
    private static long subtractN(long[] out, long[] a) {
        long borrow = 0;
        for (int i = 0; i < LIMBS; i++) {
            long d = a[i] - N[i] - borrow;
            out[i] = d & MASK;
            borrow = d >>> 63;
        }
        return borrow;
    }

    /** out = bit == 1 ? ifOne : ifZero, without branching on bit. */
    private static void select(long[] out, long bit, long[] ifOne, long[] ifZero) {
        long mask = -bit;
        for (int i = 0; i < LIMBS; i++) {
            out[i] = (ifOne[i] & mask) | (ifZero[i] & ~mask);
        }
    }
}
