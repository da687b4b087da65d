package ist.spike.common.wire.secret;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;

/** Answer to a secret undelete: {@code {}} on success, {@code {"err":"<code>"}} on failure. */
public record SecretUndeleteResponse(@JsonInclude(JsonInclude.Include.NON_EMPTY) String err) implements WireResponse {
    public static final SecretUndeleteResponse OK = new SecretUndeleteResponse("");

    public SecretUndeleteResponse {
        err = GoZero.string(err);
    }

    public static SecretUndeleteResponse error(ErrorCode code) {
        return new SecretUndeleteResponse(code.wireCode());
    }
}
