package ist.spike.common.shamir;

import ist.spike.common.crypto.Fips;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Upstream's {@code DeterministicReader}: the bytes of SHA-256(seed), then SHA-256 of that block,
 * and so on, served in order. It makes the polynomial coefficients a function of the root key, so
 * the same key always yields the same shares. The blocks are as secret as the key: {@link #close()}
 * zeroes them.
 */
final class HashChainReader implements ByteStream, AutoCloseable {
    private static final int BLOCK = 32;

    private final MessageDigest sha256;
    private final byte[] block = new byte[BLOCK];
    private int position;

    HashChainReader(byte[] seed) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256", Fips.provider());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable in BC FIPS", e);
        }
        hashInto(seed);
    }

    @Override
    public void readFully(byte[] out) {
        for (int i = 0; i < out.length; i++) {
            if (position == BLOCK) {
                hashInto(block);
            }
            out[i] = block[position++];
        }
    }

    private void hashInto(byte[] input) {
        sha256.update(input);
        try {
            sha256.digest(block, 0, BLOCK);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 failed", e);
        }
        position = 0;
    }

    @Override
    public void close() {
        Arrays.fill(block, (byte) 0);
        sha256.reset();
        position = BLOCK;
    }
}
