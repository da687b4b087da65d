package ist.spike.common.wire.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;

/** Answer to a policy delete: {@code {}} on success, {@code {"err":"<code>"}} on failure. */
public record PolicyDeleteResponse(@JsonInclude(JsonInclude.Include.NON_EMPTY) String err) implements WireResponse {
    public static final PolicyDeleteResponse OK = new PolicyDeleteResponse("");

    public PolicyDeleteResponse {
        err = GoZero.string(err);
    }

    public static PolicyDeleteResponse error(ErrorCode code) {
        return new PolicyDeleteResponse(code.wireCode());
    }
}
