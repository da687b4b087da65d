package ist.spike.common.wire.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;

/**
 * Answer to a policy put: {@code {}}. Upstream's {@code id} is omitempty and never assigned, so it never
 * appears; it is kept so that a body that does carry one still reads.
 */
public record PolicyPutResponse(
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String id,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String err) implements WireResponse {
    public static final PolicyPutResponse OK = new PolicyPutResponse("", "");

    public PolicyPutResponse {
        id = GoZero.string(id);
        err = GoZero.string(err);
    }

    public static PolicyPutResponse error(ErrorCode code) {
        return new PolicyPutResponse("", code.wireCode());
    }
}
