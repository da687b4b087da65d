package ist.spike.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
    void noncesFromConcurrentCallersAreNeverHandedOutTwice() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger allZero = new AtomicInteger();
        int perThread = 5000;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 8; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        byte[] nonce = Randomness.nonce(12);
                        if (ConstantTime.isAllZero(nonce)) {
                            allZero.incrementAndGet();
                        }
                        seen.add(HexFormat.of().formatHex(nonce));
                    }
                });
            }
        }
        // Many buffer refills, and not one repeat (a repeat by chance: 2^-96 per pair).
        assertEquals(8 * perThread, seen.size());
        assertEquals(0, allZero.get(), "never a zeroed (already handed out) slot");
    }

    @Test
    void nonceLengthsOutsideOneTo64AreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Randomness.nonce(0));
        assertThrows(IllegalArgumentException.class, () -> Randomness.nonce(65));
        assertEquals(64, Randomness.nonce(64).length);
    }

    @Test
    void zeroLengthIsEmpty() {
        assertEquals(0, Randomness.bytes(0).length);
    }
}
