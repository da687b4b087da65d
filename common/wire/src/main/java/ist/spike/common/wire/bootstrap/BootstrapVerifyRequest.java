package ist.spike.common.wire.bootstrap;

import ist.spike.common.wire.Redacted;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code POST /v1/bootstrap/verify}: {@code {"nonce":"<b64>","ciphertext":"<b64>"}}, the root-key proof
 * (AES-GCM of a random hex text under the root key).
 */
public record BootstrapVerifyRequest(byte[] nonce, byte[] ciphertext) {
    @Override
    public boolean equals(Object other) {
        return other instanceof BootstrapVerifyRequest that
                && Arrays.equals(nonce, that.nonce) && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(nonce), Arrays.hashCode(ciphertext));
    }

    @Override
    public String toString() {
        return "BootstrapVerifyRequest[nonce=" + Redacted.bytes(nonce)
                + ", ciphertext=" + Redacted.bytes(ciphertext) + "]";
    }
}
