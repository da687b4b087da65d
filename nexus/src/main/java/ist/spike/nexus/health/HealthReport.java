package ist.spike.nexus.health;

import ist.spike.common.audit.AuditSink;
import ist.spike.common.monitoring.Readiness;
import ist.spike.nexus.config.BackendKind;
import ist.spike.nexus.operator.BackupHistory;
import ist.spike.nexus.operator.RecoveryExports;
import ist.spike.nexus.rootkey.KeeperSync;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Nexus's health facts read at one moment, and Nexus's own judgement of them, so every client shows the
 * same verdict: problems (Nexus is unhealthy) and warnings (healthy, but an operator should know). Both
 * are short fixed sentences; none holds a secret, a path, a SPIFFE ID or an address.
 *
 * @param keys                null while no store is open (sealed, or the lite backend)
 * @param keeperSyncInterval  null without keepers
 * @param lastRecoveryExport  null when no export is known
 * @param storeSizeBytes      -1 where nothing is on disk or the store is not open
 * @param secretCount         -1 while the store is not open
 */
public record HealthReport(Instant at, BackendKind backend, Readiness readiness, boolean rootKeyPresent,
        long storeSizeBytes, int secretCount, NexusHealth.Keys keys, List<KeeperSync.Slot> keepers,
        Duration keeperSyncInterval, AuditSink.Stats audit, String auditMode, BackupHistory.Facts backups,
        Duration backupMaxAge, RecoveryExports.Export lastRecoveryExport, boolean recoveryExportStale) {
    /** The share of a key's random-nonce budget past which it must be rotated soon. */
    public static final double NONCE_BUDGET_LIMIT = 0.8;
    /** Audit write failures this recent make Nexus unhealthy. */
    public static final Duration AUDIT_FAILURE_WINDOW = Duration.ofMinutes(5);

    public HealthReport {
        keepers = List.copyOf(keepers);
    }

    public boolean healthy() {
        return problems().isEmpty();
    }

    /** What makes Nexus unhealthy; empty when it is healthy. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!readiness.ready()) {
            problems.add("Nexus is not ready: " + readiness.reason() + ".");
        }
        if (rootKeyPresent) {
            // Only a Nexus that holds its root key pushes shards; while sealed it cannot know.
            for (KeeperSync.Slot slot : keepers) {
                if (!slot.holdsShard()) {
                    problems.add("Keeper slot " + slot.id() + " does not hold its shard.");
                }
            }
        }
        if (keys != null) {
            if ("failed".equals(keys.rotationPhase())) {
                problems.add("The last key rotation failed.");
            }
            for (NexusHealth.Generation g : keys.active()) {
                if (g.budgetUsed() >= NONCE_BUDGET_LIMIT) {
                    problems.add("The active " + g.purpose() + " key (generation " + g.generation() + ") used "
                            + Math.round(g.budgetUsed() * 100) + "% of its nonce budget: rotate the keys.");
                }
            }
        }
        if (within(audit.lastFailure(), AUDIT_FAILURE_WINDOW)) {
            problems.add("Audit lines could not be written within the last 5 minutes.");
        }
        if (recoveryExportStale) {
            problems.add("The last recovery export is of an older root key (a rekey came since): "
                    + "its shard files no longer open the store; export new ones.");
        }
        return problems;
    }

    /** What an operator should know of a healthy Nexus. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (backend != BackendKind.MEMORY && lastRecoveryExport == null) {
            warnings.add("No recovery export is known: run 'spike operator recover' and keep the files offline.");
        }
        if (backend == BackendKind.SQLITE && rootKeyPresent && !recentBackup()) {
            warnings.add("No verified backup within SPIKE_NEXUS_BACKUP_MAX_AGE since Nexus started: run "
                    + "'spike operator backup'.");
        }
        if (keys != null && keys.nextRotation() == null) {
            warnings.add("The key rotation schedule is off (SPIKE_NEXUS_KEY_ROTATION_INTERVAL=0s).");
        }
        return warnings;
    }

    private boolean recentBackup() {
        return within(backups.lastVerified(), backupMaxAge);
    }

    /** Whether {@code time} is known and no older than {@code age} at the report's moment. */
    private boolean within(Instant time, Duration age) {
        return time != null && Duration.between(time, at).compareTo(age) <= 0;
    }
}
