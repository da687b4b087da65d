package ist.spike.common.shamir;

import java.util.Arrays;

/**
 * f(x) = secret + c1 x + ... + c_degree x^degree over the P-256 scalar field. Every coefficient is
 * secret (one coefficient and one share reveal the key), so {@link #destroy()} zeroes them all.
 */
final class Polynomial {
    private final Scalar[] coefficients;

    private Polynomial(Scalar[] coefficients) {
        this.coefficients = coefficients;
    }

    /**
     * The polynomial with constant term {@code secret} and the other coefficients drawn from
     * {@code stream} exactly as circl's {@code RandomScalar} does through Go's {@code rand.Int(r, N)}.
     * Takes ownership of {@code secret}.
     */
    static Polynomial withSecret(Scalar secret, int degree, ByteStream stream) {
        Scalar[] coefficients = new Scalar[degree + 1];
        coefficients[0] = secret;
        for (int i = 1; i <= degree; i++) {
            coefficients[i] = sampleBelowN(stream);
        }
        return new Polynomial(coefficients);
    }

    /**
     * Go's {@code rand.Int} for a 256-bit modulus: read 32 bytes, mask the top byte to the bit
     * length of N-1 (all 8 bits, so no-op), read as big-endian, retry until below N. A rejection
     * happens with probability about 2^-32 per draw and leaks only that it happened, as upstream.
     */
    static Scalar sampleBelowN(ByteStream stream) {
        byte[] candidate = new byte[ScalarField.BYTES];
        try {
            while (true) {
                stream.readFully(candidate);
                if (Scalar.isCanonical(candidate)) {
                    return Scalar.fromCanonicalBytes(candidate);
                }
            }
        } finally {
            Arrays.fill(candidate, (byte) 0);
        }
    }

    /** f(x) by Horner's rule. */
    Scalar evaluate(int x) {
        Scalar point = Scalar.of(x);
        Scalar result = coefficients[coefficients.length - 1].copy();
        for (int i = coefficients.length - 2; i >= 0; i--) {
            Scalar scaled = result.times(point);
            result.destroy();
            result = scaled.plus(coefficients[i]);
            scaled.destroy();
        }
        return result;
    }

    void destroy() {
        for (Scalar c : coefficients) {
            c.destroy();
        }
    }
}
