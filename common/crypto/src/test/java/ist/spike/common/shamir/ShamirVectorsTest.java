package ist.spike.common.shamir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.crypto.SecretBytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bit-for-bit agreement with upstream's deterministic shares, and recovery from the vectors. */
class ShamirVectorsTest {
    static Stream<ShamirVectors> vectors() throws Exception {
        List<ShamirVectors> all = ShamirVectors.load();
        assertTrue(all.size() >= 3, "expected the vector file to hold at least 3 cases");
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void splitReproducesEveryShareBitForBit(ShamirVectors v) {
        List<Share> shares = Shamir.split(SecretBytes.copyOf(v.rootKey()), v.threshold(), v.shares());

        assertEquals(v.shares(), v.expectedLines().size());
        List<String> formatted = shares.stream().map(ShareFormat::format).toList();
        assertEquals(v.expectedLines(), formatted);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void splitIsDeterministic(ShamirVectors v) {
        List<Share> first = Shamir.split(SecretBytes.copyOf(v.rootKey()), v.threshold(), v.shares());
        List<Share> second = Shamir.split(SecretBytes.copyOf(v.rootKey()), v.threshold(), v.shares());

        assertEquals(first, second);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void everyThresholdSizedSubsetRecoversTheKey(ShamirVectors v) {
        List<Share> shares = v.expectedLines().stream().map(ShareFormat::parse).toList();
        int subsets = 0;
        for (List<Share> subset : combinations(shares, v.threshold())) {
            assertRecovers(v, subset);
            List<Share> reversed = new ArrayList<>(subset);
            Collections.reverse(reversed);
            assertRecovers(v, reversed);
            subsets++;
        }
        assertEquals(binomial(v.shares(), v.threshold()), subsets);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void randomLargerSubsetsRecoverTheKey(ShamirVectors v) {
        List<Share> shares = v.expectedLines().stream().map(ShareFormat::parse).toList();
        Random random = new Random(v.threshold() * 31L + v.shares());
        for (int round = 0; round < 50; round++) {
            List<Share> shuffled = new ArrayList<>(shares);
            Collections.shuffle(shuffled, random);
            int size = random.nextInt(v.threshold(), v.shares() + 1);
            assertRecovers(v, shuffled.subList(0, size));
        }
    }

    private static void assertRecovers(ShamirVectors v, List<Share> subset) {
        SecretBytes recovered = Shamir.recover(subset, v.threshold());
        assertArrayEquals(v.rootKey(), recovered.copyRawBytes(), () -> "subset " + subset);
    }

    static <T> List<List<T>> combinations(List<T> items, int k) {
        List<List<T>> out = new ArrayList<>();
        collect(items, k, 0, new ArrayList<>(), out);
        return out;
    }

    private static <T> void collect(List<T> items, int k, int from, List<T> current, List<List<T>> out) {
        if (current.size() == k) {
            out.add(List.copyOf(current));
            return;
        }
        for (int i = from; i < items.size(); i++) {
            current.add(items.get(i));
            collect(items, k, i + 1, current, out);
            current.remove(current.size() - 1);
        }
    }

    private static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
