package ist.spike.common.wire.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;
import java.util.List;

/**
 * Answer to a policy list: {@code {"policies":[...]}}, {@code {"policies":[]}} when there are none
 * (upstream makes a non-nil slice), and {@code {"policies":null,"err":"<code>"}} on failure.
 */
public record PolicyListResponse(
        List<PolicyListItem> policies, @JsonInclude(JsonInclude.Include.NON_EMPTY) String err)
        implements WireResponse {
    public PolicyListResponse {
        // Go decodes a null element as the zero item.
        policies = policies == null ? null
                : policies.stream().map(item -> item == null ? new PolicyListItem("", "") : item).toList();
        err = GoZero.string(err);
    }

    public static PolicyListResponse of(List<PolicyListItem> policies) {
        return new PolicyListResponse(policies == null ? List.of() : policies, "");
    }

    public static PolicyListResponse error(ErrorCode code) {
        return new PolicyListResponse(null, code.wireCode());
    }
}
