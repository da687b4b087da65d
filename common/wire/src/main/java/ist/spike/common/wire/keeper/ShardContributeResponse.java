package ist.spike.common.wire.keeper;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;

/** Answer to a contribute (upstream {@code ShardPutResponse}): {@code {}} or {@code {"err":"<code>"}}. */
public record ShardContributeResponse(@JsonInclude(JsonInclude.Include.NON_EMPTY) String err)
        implements WireResponse {
    public static final ShardContributeResponse OK = new ShardContributeResponse("");

    public ShardContributeResponse {
        err = GoZero.string(err);
    }

    public static ShardContributeResponse error(ErrorCode code) {
        return new ShardContributeResponse(code.wireCode());
    }
}
