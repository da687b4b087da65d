package ist.spike.common.wire.operator;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;

/**
 * The state of a root key rekey: how many keepers hold a shard of the new root key, whether the rekey is
 * complete (every keeper does, and the old root key no longer opens the store), the new root epoch and
 * when the rekey started. Until it is complete, recovery shards from before it still work; once it is,
 * only shards exported after it do.
 */
public record RekeyResponse(
        int rootEpoch,
        int keepers,
        int keepersWithNewShard,
        boolean complete,
        String started,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String err) implements WireResponse {
    public RekeyResponse {
        err = GoZero.string(err);
        started = started == null ? "" : started;
    }

    public static RekeyResponse error(ErrorCode code) {
        return new RekeyResponse(0, 0, 0, false, "", code.wireCode());
    }
}
