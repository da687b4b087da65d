package ist.spike.common.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Upstream's generic {@code FallbackResponse}: {@code {"err":"<code>"}}. Sent for unknown routes (400) and
 * by the root-key gate (503 {@code state_not_ready}).
 */
public record FallbackResponse(@JsonInclude(JsonInclude.Include.NON_EMPTY) String err) implements WireResponse {
    public FallbackResponse {
        err = GoZero.string(err);
    }

    public static FallbackResponse error(ErrorCode code) {
        return new FallbackResponse(code.wireCode());
    }
}
