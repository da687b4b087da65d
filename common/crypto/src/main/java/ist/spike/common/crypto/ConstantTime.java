package ist.spike.common.crypto;

import java.security.MessageDigest;

/** Comparisons whose running time does not depend on where inputs differ. */
public final class ConstantTime {
    private ConstantTime() {}

    /** Equal length and content; time depends only on the length. */
    public static boolean equals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** True when every byte is zero, without an early exit. */
    public static boolean isAllZero(byte[] a) {
        int acc = 0;
        for (byte x : a) {
            acc |= x;
        }
        return acc == 0;
    }
}
