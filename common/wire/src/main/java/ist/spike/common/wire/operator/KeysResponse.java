package ist.spike.common.wire.operator;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;
import java.util.List;

/**
 * The keyring and its rotation, without key material: the active generation, each generation's state,
 * the rotation's phase ({@code idle}, {@code resealing}, {@code verifying}, {@code failed}) and progress,
 * the active storage key's encryption count against its limit, the schedule, and whether a root key
 * rekey is under way (not every keeper holds its new shard yet). Times are RFC 3339,
 * empty when not applicable.
 */
public record KeysResponse(
        int activeGeneration,
        int rootEpoch,
        String phase,
        long resealed,
        long verified,
        long failedRecords,
        long encryptions,
        long maxEncryptions,
        String lastRotation,
        String nextRotation,
        String lastRekey,
        boolean rekeyUnderWay,
        String lastError,
        List<Generation> generations,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String err) implements WireResponse {

    /** One keyring entry. */
    public record Generation(int generation, String purpose, String state, String created, boolean legacy) {}

    public KeysResponse {
        err = GoZero.string(err);
        generations = generations == null ? List.of() : List.copyOf(generations);
    }

    public static KeysResponse error(ErrorCode code) {
        return new KeysResponse(0, 0, "", 0, 0, 0, 0, 0, "", "", "", false, "", List.of(), code.wireCode());
    }
}
