package ist.spike.common.wire.operator;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.WireResponse;
import java.util.List;

/**
 * Nexus's health ({@code spike status}): whether it is ready and why not, Nexus's own verdict (healthy, with
 * the problems that make it unhealthy and warnings that do not), and the facts behind it. No secret, no
 * shard, no caller: keeper addresses are the configured ones. Times are RFC 3339, empty when not known;
 * {@code storeSizeBytes}, {@code secretCount} and {@code keys} are absent while Nexus cannot tell (sealed,
 * or a backend without them); durations are in seconds, 0 when not applicable.
 */
public record StatusResponse(
        String version,
        boolean ready,
        String reason,
        boolean healthy,
        List<String> problems,
        List<String> warnings,
        String backend,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long storeSizeBytes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer secretCount,
        @JsonInclude(JsonInclude.Include.NON_NULL) Keys keys,
        List<Keeper> keepers,
        long keeperSyncIntervalSeconds,
        Audit audit,
        Backups backups,
        RecoveryExport recoveryExport,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String err) implements WireResponse {

    /** The keyring and its rotation, without key material. */
    public record Keys(int rootEpoch, String lastRekey, List<Generation> generations, String rotationPhase,
            boolean rotationInProgress, long resealed, long verified, String lastRotation, String nextRotation,
            long rotationsCompleted, long rotationsFailed) {
        public Keys {
            generations = generations == null ? List.of() : List.copyOf(generations);
        }
    }

    /** One active data-key generation and the share of its random-nonce budget used (0 to 1). */
    public record Generation(String purpose, int generation, String activeSince, long encryptions,
            long maxEncryptions, double budgetUsed) {}

    /**
     * One configured keeper slot as Nexus's pushes saw it: {@code reachable} and {@code holdsShard} when the
     * last push succeeded.
     */
    public record Keeper(int slot, String address, boolean reachable, boolean holdsShard, String lastPush,
            long failures) {}

    /** The audit trail: {@code mode} is "off" or the mode and where lines go. */
    public record Audit(String mode, long linesWritten, long failures, long queued, String lastFailure) {}

    /** Backups Nexus made since it started. */
    public record Backups(long made, long failed, String lastVerified, String lastDelivered, long maxAgeSeconds) {}

    /** The last export of recovery shards; {@code rootEpoch} 0 when none is known. */
    public record RecoveryExport(int rootEpoch, String at, boolean stale) {}

    public StatusResponse {
        version = GoZero.string(version);
        reason = GoZero.string(reason);
        backend = GoZero.string(backend);
        err = GoZero.string(err);
        problems = problems == null ? List.of() : List.copyOf(problems);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        keepers = keepers == null ? List.of() : List.copyOf(keepers);
    }

    public static StatusResponse error(ErrorCode code) {
        return new StatusResponse("", false, "", false, List.of(), List.of(), "", null, null, null, List.of(), 0,
                null, null, null, code.wireCode());
    }
}
