package ist.spike.common.crypto;

import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Key material held in memory only. Its toString never shows the bytes; {@link #destroy()} zeroes
 * them. Access to the raw bytes is explicit and named as such, so it stands out in review.
 */
public final class SecretBytes implements Destroyable {
    private final byte[] bytes;
    private volatile boolean destroyed;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes a copy of {@code material}; the caller should zero its own copy. */
    public static SecretBytes copyOf(byte[] material) {
        return new SecretBytes(material.clone());
    }

    /** Takes ownership of {@code material} without copying: the caller must not keep or reuse it. */
    public static SecretBytes wrap(byte[] material) {
        return new SecretBytes(material);
    }

    /** Fresh random key material from the DRBG. */
    public static SecretBytes random(int length) {
        return new SecretBytes(Randomness.bytes(length));
    }

    public int length() {
        return bytes.length;
    }

    /** A copy of the raw bytes. Dangerous: zero the copy when done. */
    public byte[] copyRawBytes() {
        checkAlive();
        return bytes.clone();
    }

    /** Constant-time equality with another secret of the same length. */
    public boolean sameAs(SecretBytes other) {
        return ConstantTime.equals(rawForCrypto(), other.rawForCrypto());
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("secret was destroyed");
        }
    }

    byte[] rawForCrypto() {
        checkAlive();
        return bytes;
    }

    @Override
    public String toString() {
        return "SecretBytes[" + bytes.length + " bytes, redacted]";
    }
}
