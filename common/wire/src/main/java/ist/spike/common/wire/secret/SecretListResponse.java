package ist.spike.common.wire.secret;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;
import java.util.List;

/**
 * Answer to a secret list: {@code {"keys":[...]}}, {@code {"keys":[]}} when the store is empty (upstream
 * makes a non-nil slice), and {@code {"keys":null,"err":"<code>"}} on failure.
 */
public record SecretListResponse(
        List<String> keys, @JsonInclude(JsonInclude.Include.NON_EMPTY) String err) implements WireResponse {
    public SecretListResponse {
        keys = GoZero.strings(keys);
        err = GoZero.string(err);
    }

    public static SecretListResponse of(List<String> keys) {
        return new SecretListResponse(keys == null ? List.of() : keys, "");
    }

    public static SecretListResponse error(ErrorCode code) {
        return new SecretListResponse(null, code.wireCode());
    }
}
