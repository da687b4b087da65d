package ist.spike.common.wire.secret;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;

/** Answer to a secret soft-delete: {@code {}} on success, {@code {"err":"<code>"}} on failure. */
public record SecretDeleteResponse(@JsonInclude(JsonInclude.Include.NON_EMPTY) String err) implements WireResponse {
    public static final SecretDeleteResponse OK = new SecretDeleteResponse("");

    public SecretDeleteResponse {
        err = GoZero.string(err);
    }

    public static SecretDeleteResponse error(ErrorCode code) {
        return new SecretDeleteResponse(code.wireCode());
    }
}
