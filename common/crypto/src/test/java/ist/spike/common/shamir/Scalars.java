package ist.spike.common.shamir;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** BigInteger helpers: the oracle the field arithmetic is checked against (tests only). */
final class Scalars {
    private Scalars() {}

    static final BigInteger N =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    static byte[] bytes(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    static BigInteger big(byte[] bytes) {
        return new BigInteger(1, bytes);
    }

    static Scalar scalar(BigInteger v) {
        return Scalar.fromCanonicalBytes(bytes(v));
    }

    static BigInteger big(Scalar s) {
        return big(s.toBytes());
    }

    /** Values where carries, borrows and the final reduction are most likely to go wrong. */
    static List<BigInteger> edgeValues() {
        List<BigInteger> out = new ArrayList<>();
        for (long small = 0; small < 4; small++) {
            out.add(BigInteger.valueOf(small));
            out.add(N.subtract(BigInteger.ONE).subtract(BigInteger.valueOf(small)));
        }
        out.add(N.shiftRight(1));
        out.add(N.shiftRight(1).add(BigInteger.ONE));
        for (int bits = 31; bits <= 255; bits += 32) {
            out.add(BigInteger.ONE.shiftLeft(bits));
            out.add(BigInteger.ONE.shiftLeft(bits + 1).subtract(BigInteger.ONE));
        }
        out.add(TWO_256.subtract(N)); // R mod N
        out.add(TWO_256.subtract(N).subtract(BigInteger.ONE));
        out.add(new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFF00000000000000000000000000000000", 16));
        out.add(new BigInteger("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", 16));
        out.removeIf(v -> v.compareTo(N) >= 0); // 2^256 - 1 and friends: covered by the canonical checks
        return out;
    }

    static BigInteger randomBelowN(Random random) {
        while (true) {
            BigInteger v = new BigInteger(256, random);
            if (v.compareTo(N) < 0) {
                return v;
            }
        }
    }

    /** Random values with a bias towards the top of the range and towards all-ones limbs. */
    static BigInteger randomInteresting(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> N.subtract(BigInteger.ONE).subtract(new BigInteger(random.nextInt(1, 200), random));
            case 1 -> new BigInteger(random.nextInt(1, 257), random).mod(N);
            default -> randomBelowN(random);
        };
    }
}
