package ist.spike.common.shamir;

import ist.spike.common.crypto.Randomness;
import ist.spike.common.crypto.SecretBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Shamir secret sharing of the 32-byte root key over the NIST P-256 scalar field, bit for bit
 * compatible with upstream SPIKE (circl {@code secretsharing} over {@code group.P256}).
 *
 * <p>Shares are deterministic: the polynomial's coefficients come from a SHA-256 chain over the
 * root key, so the same key always gives the same shares. That lets Nexus re-push a keeper's share
 * and lets {@code operator recover} export shares that match what the keepers hold.
 */
public final class Shamir {
    private Shamir() {}

    /** Root keys are 32 bytes. */
    public static final int KEY_LENGTH = 32;

    /**
     * Upper bound on share ids and counts. Upstream sets none; keepers number a handful (the docs
     * suggest at most 7-of-10), and a bound keeps ids small public integers.
     */
    public static final int MAX_SHARES = 255;

    /** A fresh random root key: 32 DRBG bytes, redrawn until the value is below the group order. */
    public static SecretBytes newRootKey() {
        while (true) {
            byte[] candidate = Randomness.bytes(KEY_LENGTH);
            if (Scalar.isCanonical(candidate)) {
                return SecretBytes.wrap(candidate);
            }
            Arrays.fill(candidate, (byte) 0);
        }
    }

    /** True when {@code rootKey} is 32 bytes whose big-endian value is below the group order. */
    public static boolean isValidRootKey(SecretBytes rootKey) {
        byte[] raw = rootKey.copyRawBytes();
        try {
            return Scalar.isCanonical(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * Shares 1..{@code shares} of {@code rootKey}; any {@code threshold} of them recover it. Before
     * returning, recovers from the first {@code threshold} shares and compares, as upstream does.
     *
     * @throws IllegalArgumentException for a key that is not a valid root key, or bad counts
     * @throws IllegalStateException if the self-check fails (a bug, never expected)
     */
    public static List<Share> split(SecretBytes rootKey, int threshold, int shares) {
        Objects.requireNonNull(rootKey, "rootKey");
        if (threshold < 1 || shares < threshold || shares > MAX_SHARES) {
            throw new IllegalArgumentException(
                    "need 1 <= threshold <= shares <= " + MAX_SHARES + ", got threshold " + threshold
                            + " and shares " + shares);
        }
        byte[] raw = rootKey.copyRawBytes();
        try {
            if (!Scalar.isCanonical(raw)) {
                throw new IllegalArgumentException(
                        "root key must be " + KEY_LENGTH + " bytes and below the P-256 group order");
            }
            List<Share> result = computeShares(raw, threshold, shares);
            verifyRecovers(rootKey, result, threshold);
            return result;
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * The root key from shares. Uses exactly the first {@code threshold} shares given, as upstream
     * (circl's {@code Recover}) does; all shares given must have distinct ids.
     *
     * @throws IllegalArgumentException for too few shares, duplicate ids, or a bad threshold
     */
    public static SecretBytes recover(List<Share> shares, int threshold) {
        Objects.requireNonNull(shares, "shares");
        if (threshold < 1 || threshold > MAX_SHARES) {
            throw new IllegalArgumentException("threshold must be in 1.." + MAX_SHARES + ", got " + threshold);
        }
        if (shares.size() < threshold) {
            throw new IllegalArgumentException(
                    "need at least " + threshold + " shares, got " + shares.size());
        }
        Set<Integer> ids = new HashSet<>();
        for (Share share : shares) {
            Objects.requireNonNull(share, "share");
            if (!ids.add(share.id())) {
                throw new IllegalArgumentException("duplicate share id " + share.id());
            }
        }
        Scalar secret = Lagrange.interpolateAtZero(List.copyOf(shares.subList(0, threshold)));
        try {
            return SecretBytes.wrap(secret.toBytes());
        } finally {
            secret.destroy();
        }
    }

    private static List<Share> computeShares(byte[] rootKey, int threshold, int count) {
        Polynomial polynomial;
        try (HashChainReader coefficients = new HashChainReader(rootKey)) {
            polynomial = Polynomial.withSecret(Scalar.fromCanonicalBytes(rootKey), threshold - 1, coefficients);
        }
        try {
            List<Share> result = new ArrayList<>(count);
            for (int x = 1; x <= count; x++) {
                Scalar y = polynomial.evaluate(x);
                byte[] value = y.toBytes();
                y.destroy();
                result.add(new Share(x, value));
                Arrays.fill(value, (byte) 0);
            }
            return List.copyOf(result);
        } finally {
            polynomial.destroy();
        }
    }

    private static void verifyRecovers(SecretBytes rootKey, List<Share> shares, int threshold) {
        SecretBytes recovered = recover(shares, threshold);
        try {
            if (!recovered.sameAs(rootKey)) {
                throw new IllegalStateException("Shamir self-check failed: shares do not recover the root key");
            }
        } finally {
            recovered.destroy();
        }
    }
}
