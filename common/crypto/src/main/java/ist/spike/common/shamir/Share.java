package ist.spike.common.shamir;

import ist.spike.common.crypto.ConstantTime;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * One Shamir share of the root key: the point (id, f(id)). The id is public (a keeper's 1-based
 * position); the value is secret, so it is copied in and out, never printed, and can be zeroed.
 * A Share is always well formed: id in 1..{@link Shamir#MAX_SHARES}, value a canonical 32-byte
 * big-endian scalar below the P-256 group order.
 */
public final class Share implements Destroyable {
    public static final int VALUE_LENGTH = 32;

    private final int id;
    private final byte[] value;
    private volatile boolean destroyed;

    /** Copies {@code value}; the caller should zero its own array. */
    public Share(int id, byte[] value) {
        if (id < 1 || id > Shamir.MAX_SHARES) {
            throw new IllegalArgumentException("share id must be in 1.." + Shamir.MAX_SHARES + ", got " + id);
        }
        if (value == null || value.length != VALUE_LENGTH) {
            throw new IllegalArgumentException("share value must be " + VALUE_LENGTH + " bytes");
        }
        if (!Scalar.isCanonical(value)) {
            throw new IllegalArgumentException("share value is not below the P-256 group order");
        }
        this.id = id;
        this.value = value.clone();
    }

    /** The x-coordinate, 1..n. */
    public int id() {
        return id;
    }

    /** A copy of the 32-byte big-endian value. Zero the copy when done. */
    public byte[] value() {
        checkAlive();
        return value.clone();
    }

    Scalar toScalar() {
        checkAlive();
        return Scalar.fromCanonicalBytes(value);
    }

    @Override
    public void destroy() {
        Arrays.fill(value, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("share was destroyed");
        }
    }

    /** Same id and value; the value comparison takes constant time. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Share other && id == other.id && ConstantTime.equals(value, other.value);
    }

    /** Depends on the id only: hashing the value would leak it into hash-based structures. */
    @Override
    public int hashCode() {
        return Integer.hashCode(id);
    }

    @Override
    public String toString() {
        return "Share[id=" + id + ", value=redacted]";
    }
}
