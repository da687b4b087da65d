package ist.spike.common.wire.cipher;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.Redacted;
import ist.spike.common.wire.WireResponse;
import java.util.Arrays;
import java.util.Objects;

/**
 * Answer to a JSON encrypt: {@code {"version":1,"nonce":"<b64>","ciphertext":"<b64>"}}. The error body is
 * {@code {"version":0,"nonce":null,"ciphertext":null,"err":"<code>"}} (no omitempty on the three fields).
 *
 * @param version Go {@code byte}, a number 0-255
 */
public record CipherEncryptResponse(
        int version, byte[] nonce, byte[] ciphertext, @JsonInclude(JsonInclude.Include.NON_EMPTY) String err)
        implements WireResponse {
    public CipherEncryptResponse {
        CipherVersion.check(version);
        err = GoZero.string(err);
    }

    /** A version-1 result. */
    public static CipherEncryptResponse of(byte[] nonce, byte[] ciphertext) {
        return new CipherEncryptResponse(CipherVersion.CURRENT, nonce, ciphertext, "");
    }

    public static CipherEncryptResponse error(ErrorCode code) {
        return new CipherEncryptResponse(0, null, null, code.wireCode());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CipherEncryptResponse that && version == that.version
                && Arrays.equals(nonce, that.nonce) && Arrays.equals(ciphertext, that.ciphertext)
                && err.equals(that.err);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, Arrays.hashCode(nonce), Arrays.hashCode(ciphertext), err);
    }

    @Override
    public String toString() {
        return "CipherEncryptResponse[version=" + version + ", nonce=" + Redacted.bytes(nonce)
                + ", ciphertext=" + Redacted.bytes(ciphertext) + ", err=" + err + "]";
    }
}
