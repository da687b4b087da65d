package ist.spike.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomnessTest {
    @Test
    void requestsLargerThanOneDrbgCallAreServed() {
        int length = Randomness.MAX_BYTES_PER_REQUEST * 3 + 17;

        byte[] out = Randomness.bytes(length);

        assertEquals(length, out.length);
        // Every chunk, including the short tail, got filled (all-zero 17 bytes: chance 2^-136).
        assertFalse(ConstantTime.isAllZero(Arrays.copyOfRange(out, length - 17, length)));
        byte[] first = Arrays.copyOf(out, Randomness.MAX_BYTES_PER_REQUEST);
        byte[] second = Arrays.copyOfRange(out, Randomness.MAX_BYTES_PER_REQUEST, 2 * Randomness.MAX_BYTES_PER_REQUEST);
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void zeroLengthIsEmpty() {
        assertEquals(0, Randomness.bytes(0).length);
    }
}
