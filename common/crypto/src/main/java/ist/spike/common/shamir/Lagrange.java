package ist.spike.common.shamir;

import java.util.List;

/** Lagrange interpolation of the shared polynomial at x = 0, which is the secret. */
final class Lagrange {
    private Lagrange() {}

    /**
     * f(0) = sum over i of y_i * prod over j != i of x_j / (x_j - x_i). The ids must be distinct
     * (checked by the caller); they are public, so only the y_i products touch secrets.
     */
    static Scalar interpolateAtZero(List<Share> shares) {
        Scalar sum = Scalar.of(0);
        for (Share share : shares) {
            Scalar basis = basisAtZero(share.id(), shares);
            Scalar y = share.toScalar();
            Scalar term = y.times(basis);
            y.destroy();
            Scalar next = sum.plus(term);
            term.destroy();
            sum.destroy();
            sum = next;
        }
        return sum;
    }

    /** The Lagrange basis polynomial for x-coordinate {@code xi}, evaluated at 0 (public). */
    private static Scalar basisAtZero(int xi, List<Share> shares) {
        Scalar numerator = Scalar.of(1);
        Scalar denominator = Scalar.of(1);
        Scalar self = Scalar.of(xi);
        for (Share other : shares) {
            if (other.id() == xi) {
                continue;
            }
            Scalar xj = Scalar.of(other.id());
            numerator = numerator.times(xj);
            denominator = denominator.times(xj.minus(self));
        }
        return numerator.times(denominator.inverse());
    }
}
