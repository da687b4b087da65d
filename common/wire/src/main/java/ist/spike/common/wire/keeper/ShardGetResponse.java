package ist.spike.common.wire.keeper;

import com.fasterxml.jackson.annotation.JsonProperty;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.Shard;
import ist.spike.common.wire.WireResponse;

/**
 * Answer to a shard request. Upstream's {@code Err} field has no JSON tag, so its key is capital
 * {@code Err} and it is always written: {@code {"shard":[32 ints],"Err":""}} on success,
 * {@code {"shard":null,"Err":"api_bad_request"}} when the keeper holds no shard.
 */
public record ShardGetResponse(Shard shard, @JsonProperty("Err") String err) implements WireResponse {
    public ShardGetResponse {
        err = GoZero.string(err);
    }

    public static ShardGetResponse of(Shard shard) {
        return new ShardGetResponse(shard, "");
    }

    public static ShardGetResponse error(ErrorCode code) {
        return new ShardGetResponse(null, code.wireCode());
    }
}
