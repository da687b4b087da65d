package ist.spike.common.wire.operator;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;

/**
 * Answer to a restore (upstream {@code RestoreResponse}, embedding {@code data.RestorationStatus}):
 * {@code {"collected":n,"remaining":m,"restored":bool}}. Error body:
 * {@code {"collected":0,"remaining":0,"restored":false,"err":"<code>"}}.
 */
public record RestoreResponse(
        int collected, int remaining, boolean restored, @JsonInclude(JsonInclude.Include.NON_EMPTY) String err)
        implements WireResponse {
    public RestoreResponse {
        err = GoZero.string(err);
    }

    public static RestoreResponse of(int collected, int remaining, boolean restored) {
        return new RestoreResponse(collected, remaining, restored, "");
    }

    public static RestoreResponse error(ErrorCode code) {
        return new RestoreResponse(0, 0, false, code.wireCode());
    }
}
