package ist.spike.common.wire.cipher;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.Redacted;
import ist.spike.common.wire.WireResponse;
import java.util.Arrays;
import java.util.Objects;

/**
 * Answer to a JSON decrypt: {@code {"plaintext":"<b64>"}}; error body {@code {"plaintext":null,"err":"<code>"}}.
 * The array is not copied, so the owner can zero it.
 */
public record CipherDecryptResponse(byte[] plaintext, @JsonInclude(JsonInclude.Include.NON_EMPTY) String err)
        implements WireResponse {
    public CipherDecryptResponse {
        err = GoZero.string(err);
    }

    public static CipherDecryptResponse of(byte[] plaintext) {
        return new CipherDecryptResponse(plaintext, "");
    }

    public static CipherDecryptResponse error(ErrorCode code) {
        return new CipherDecryptResponse(null, code.wireCode());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CipherDecryptResponse that
                && Arrays.equals(plaintext, that.plaintext) && err.equals(that.err);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(plaintext), err);
    }

    @Override
    public String toString() {
        return "CipherDecryptResponse[plaintext=" + Redacted.bytes(plaintext) + ", err=" + err + "]";
    }
}
