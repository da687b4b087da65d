package ist.spike.common.shamir;

import static ist.spike.common.shamir.Scalars.N;
import static ist.spike.common.shamir.Scalars.big;
import static ist.spike.common.shamir.Scalars.bytes;
import static ist.spike.common.shamir.Scalars.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PolynomialTest {
    /** A stream that replays the given 32-byte blocks, and counts what was read. */
    private static final class Scripted implements ByteStream {
        private final ByteArrayInputStream in;
        int consumed;

        Scripted(BigInteger... blocks) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (BigInteger b : blocks) {
                all.writeBytes(bytes(b));
            }
            in = new ByteArrayInputStream(all.toByteArray());
        }

        @Override
        public void readFully(byte[] out) {
            if (in.readNBytes(out, 0, out.length) != out.length) {
                throw new IllegalStateException("script exhausted");
            }
            consumed += out.length;
        }
    }

    @Test
    void sampleAcceptsAValueBelowN() {
        Scripted stream = new Scripted(N.subtract(BigInteger.ONE));

        assertEquals(N.subtract(BigInteger.ONE), big(Polynomial.sampleBelowN(stream)));
        assertEquals(32, stream.consumed);
    }

    @Test
    void sampleRejectsNAndAboveAndReadsTheNextBlock() {
        BigInteger allOnes = Scalars.TWO_256.subtract(BigInteger.ONE);
        Scripted stream = new Scripted(allOnes, N, N.add(BigInteger.ONE), BigInteger.valueOf(42));

        assertEquals(BigInteger.valueOf(42), big(Polynomial.sampleBelowN(stream)));
        assertEquals(4 * 32, stream.consumed);
    }

    @Test
    void sampleDoesNotMaskTheTopBits() {
        // Go masks the top byte to the bit length of N-1, which is 256: a 0xFF.. value below N stays whole.
        BigInteger topHeavy = N.subtract(BigInteger.TWO.pow(200));
        Scripted stream = new Scripted(topHeavy);

        assertEquals(topHeavy, big(Polynomial.sampleBelowN(stream)));
    }

    @Test
    void coefficientsComeInOrderFromTheStream() {
        BigInteger c1 = BigInteger.valueOf(5);
        BigInteger c2 = BigInteger.valueOf(7);
        Scripted stream = new Scripted(N, c1, c2);
        Polynomial f = Polynomial.withSecret(scalar(BigInteger.valueOf(3)), 2, stream);

        // f(x) = 3 + 5x + 7x^2
        assertEquals(BigInteger.valueOf(3), big(f.evaluate(0)));
        assertEquals(BigInteger.valueOf(15), big(f.evaluate(1)));
        assertEquals(BigInteger.valueOf(3 + 50 + 700), big(f.evaluate(10)));
    }

    @Test
    void evaluationAgreesWithBigInteger() {
        Random random = new Random(11);
        for (int round = 0; round < 50; round++) {
            int degree = random.nextInt(10);
            BigInteger[] c = new BigInteger[degree + 1];
            for (int i = 0; i <= degree; i++) {
                c[i] = Scalars.randomInteresting(random);
            }
            Polynomial f = Polynomial.withSecret(scalar(c[0]), degree,
                    new Scripted(Arrays.copyOfRange(c, 1, c.length)));
            for (int x = 0; x <= 12; x++) {
                BigInteger expected = BigInteger.ZERO;
                for (int i = degree; i >= 0; i--) {
                    expected = expected.multiply(BigInteger.valueOf(x)).add(c[i]).mod(N);
                }
                assertEquals(expected, big(f.evaluate(x)));
            }
            f.destroy();
        }
    }
}
