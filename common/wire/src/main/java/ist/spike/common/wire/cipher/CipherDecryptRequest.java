package ist.spike.common.wire.cipher;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.Redacted;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code POST /v1/cipher/decrypt} in JSON mode. A version outside 0-255 is malformed JSON, as in Go
 * (it does not fit a byte); any other version than 1 is the route's 400.
 *
 * @param version Go {@code byte}, a number 0-255
 * @param algorithm a hint upstream ignores; omitted when empty
 */
public record CipherDecryptRequest(
        int version, byte[] nonce, byte[] ciphertext, @JsonInclude(JsonInclude.Include.NON_EMPTY) String algorithm) {
    public CipherDecryptRequest {
        CipherVersion.check(version);
        algorithm = GoZero.string(algorithm);
    }

    /** A version-1 request. */
    public static CipherDecryptRequest of(byte[] nonce, byte[] ciphertext) {
        return new CipherDecryptRequest(CipherVersion.CURRENT, nonce, ciphertext, "");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CipherDecryptRequest that && version == that.version
                && Arrays.equals(nonce, that.nonce) && Arrays.equals(ciphertext, that.ciphertext)
                && algorithm.equals(that.algorithm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, Arrays.hashCode(nonce), Arrays.hashCode(ciphertext), algorithm);
    }

    @Override
    public String toString() {
        return "CipherDecryptRequest[version=" + version + ", nonce=" + Redacted.bytes(nonce)
                + ", ciphertext=" + Redacted.bytes(ciphertext) + ", algorithm=" + algorithm + "]";
    }
}
