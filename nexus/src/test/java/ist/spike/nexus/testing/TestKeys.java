package ist.spike.nexus.testing;

import ist.spike.common.crypto.SecretBytes;

/** Fixed root keys for tests, so a child process and its parent agree without passing key material. */
public final class TestKeys {
    private TestKeys() {}

    /** A 32-byte key whose bytes are {@code seed, seed+1, ...}. */
    public static SecretBytes fixed(int seed) {
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (seed + i);
        }
        return SecretBytes.wrap(raw);
    }
}
