package ist.spike.common.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/** The one source of randomness for keys and nonces: the BC FIPS DRBG. */
public final class Randomness {
    private Randomness() {}

    private static final class Holder {
        static final SecureRandom DRBG = create();

        private static SecureRandom create() {
            try {
                return SecureRandom.getInstance("DEFAULT", Fips.provider());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("BC FIPS DRBG unavailable", e);
            }
        }
    }

    /** The shared DRBG (thread-safe). */
    public static SecureRandom drbg() {
        return Holder.DRBG;
    }

    /**
     * The SP 800-90A DRBG refuses a single request above 2^18 bits (32 KiB), so larger requests are
     * served in chunks of that size.
     */
    static final int MAX_BYTES_PER_REQUEST = 32 * 1024;

    /** DRBG output waiting to be handed out as nonces; guarded by itself. */
    private static final byte[] NONCE_BUFFER = new byte[4096];
    private static int nonceOffset = NONCE_BUFFER.length;

    /**
     * A fresh nonce of {@code length} (at most 64) bytes: DRBG output, handed out from a buffer refilled
     * 4 KiB at a time. One DRBG call, which costs about as much as a small AES-GCM seal, then serves
     * hundreds of nonces; no byte is ever handed out twice. For nonces only (they are public): never for
     * keys.
     */
    public static byte[] nonce(int length) {
        if (length < 1 || length > 64) {
            throw new IllegalArgumentException("nonce length must be 1 to 64 bytes");
        }
        byte[] out = new byte[length];
        synchronized (NONCE_BUFFER) {
            if (nonceOffset + length > NONCE_BUFFER.length) {
                Holder.DRBG.nextBytes(NONCE_BUFFER);
                nonceOffset = 0;
            }
            System.arraycopy(NONCE_BUFFER, nonceOffset, out, 0, length);
            java.util.Arrays.fill(NONCE_BUFFER, nonceOffset, nonceOffset + length, (byte) 0);
            nonceOffset += length;
        }
        return out;
    }

    /** {@code length} fresh random bytes. */
    public static byte[] bytes(int length) {
        byte[] out = new byte[length];
        if (length <= MAX_BYTES_PER_REQUEST) {
            Holder.DRBG.nextBytes(out);
            return out;
        }
        byte[] chunk = new byte[MAX_BYTES_PER_REQUEST];
        for (int off = 0; off < length; off += MAX_BYTES_PER_REQUEST) {
            int n = Math.min(MAX_BYTES_PER_REQUEST, length - off);
            Holder.DRBG.nextBytes(chunk);
            System.arraycopy(chunk, 0, out, off, n);
        }
        java.util.Arrays.fill(chunk, (byte) 0);
        return out;
    }
}
