package ist.spike.common.wire;

import ist.spike.common.crypto.ConstantTime;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * One 32-byte Shamir shard as it travels in JSON: Go's {@code [32]byte}, written as an array of 32 integers
 * 0-255 (not base64). It is key material: toString never shows it, equality is constant-time, and
 * {@link #destroy()} zeroes it.
 */
public final class Shard implements Destroyable {
    public static final int LENGTH = 32;

    private final byte[] bytes;
    private volatile boolean destroyed;

    private Shard(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code value}, which must be exactly 32 bytes; the caller should zero its own copy. */
    public static Shard copyOf(byte[] value) {
        if (value.length != LENGTH) {
            throw new IllegalArgumentException("a shard is " + LENGTH + " bytes, not " + value.length);
        }
        return new Shard(value.clone());
    }

    /** A copy of the raw bytes. Dangerous: zero the copy when done. */
    public byte[] copyBytes() {
        if (destroyed) {
            throw new IllegalStateException("shard was destroyed");
        }
        return bytes.clone();
    }

    /** True for the all-zero value a keeper holds before it gets a shard (upstream treats it as "none"). */
    public boolean isAllZero() {
        return ConstantTime.isAllZero(bytes);
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

    @Override
    public boolean equals(Object other) {
        return other instanceof Shard that && ConstantTime.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return LENGTH; // constant on purpose: a content hash would leak shard bits through timing
    }

    @Override
    public String toString() {
        return "Shard[redacted]";
    }

    /** The live array, for the JSON writer only. */
    byte[] bytesForJson() {
        return bytes;
    }
}
