package ist.spike.common.wire.cipher;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.Redacted;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code POST /v1/cipher/encrypt} in JSON mode (any Content-Type except application/octet-stream).
 * The arrays are not copied, so the owner can zero them.
 *
 * @param plaintext the data to encrypt (base64 on the wire; null when absent)
 * @param algorithm a hint upstream ignores; omitted when empty
 */
public record CipherEncryptRequest(
        byte[] plaintext, @JsonInclude(JsonInclude.Include.NON_EMPTY) String algorithm) {
    public CipherEncryptRequest {
        algorithm = GoZero.string(algorithm);
    }

    public static CipherEncryptRequest of(byte[] plaintext) {
        return new CipherEncryptRequest(plaintext, "");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CipherEncryptRequest that
                && Arrays.equals(plaintext, that.plaintext) && algorithm.equals(that.algorithm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(plaintext), algorithm);
    }

    @Override
    public String toString() {
        return "CipherEncryptRequest[plaintext=" + Redacted.bytes(plaintext) + ", algorithm=" + algorithm + "]";
    }
}
