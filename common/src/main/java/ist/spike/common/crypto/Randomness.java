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

    /** {@code length} fresh random bytes. */
    public static byte[] bytes(int length) {
        byte[] out = new byte[length];
        Holder.DRBG.nextBytes(out);
        return out;
    }
}
