package ist.spike.common.wire.operator;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.Shard;
import ist.spike.common.wire.WireResponse;
import java.util.Map;

/**
 * Answer to a recover: every shard by its Shamir x-coordinate, {@code {"shards":{"1":[32 ints],...}}}
 * (Go {@code map[int]*[32]byte}: decimal-string keys in string order). Error body:
 * {@code {"shards":null,"err":"<code>"}}. A shard's toString is redacted, so this record's is too.
 */
public record RecoverResponse(
        Map<Integer, Shard> shards, @JsonInclude(JsonInclude.Include.NON_EMPTY) String err) implements WireResponse {
    public RecoverResponse {
        shards = GoZero.map(shards);
        err = GoZero.string(err);
    }

    public static RecoverResponse of(Map<Integer, Shard> shards) {
        return new RecoverResponse(shards, "");
    }

    public static RecoverResponse error(ErrorCode code) {
        return new RecoverResponse(null, code.wireCode());
    }
}
