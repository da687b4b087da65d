package ist.spike.common.wire.secret;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;

/** Answer to a secret upsert: {@code {}} on success, {@code {"err":"<code>"}} on failure. */
public record SecretPutResponse(@JsonInclude(JsonInclude.Include.NON_EMPTY) String err) implements WireResponse {
    public static final SecretPutResponse OK = new SecretPutResponse("");

    public SecretPutResponse {
        err = GoZero.string(err);
    }

    public static SecretPutResponse error(ErrorCode code) {
        return new SecretPutResponse(code.wireCode());
    }
}
