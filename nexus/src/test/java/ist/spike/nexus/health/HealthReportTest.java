package ist.spike.nexus.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.audit.AuditSink;
import ist.spike.common.monitoring.Readiness;
import ist.spike.nexus.config.BackendKind;
import ist.spike.nexus.operator.BackupHistory;
import ist.spike.nexus.operator.RecoveryExports;
import ist.spike.nexus.rootkey.KeeperSync;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nexus's judgement of facts no fixture produces on demand (a key near its nonce budget, a failed
 * rotation, an audit failure minutes ago): each threshold on both sides.
 */
class HealthReportTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final AuditSink.Stats AUDIT_OK = new AuditSink.Stats(10, 0, 0, null);
    private static final BackupHistory.Facts BACKED_UP = new BackupHistory.Facts(1, 0, NOW.minusSeconds(60), NOW);
    private static final RecoveryExports.Export EXPORTED = new RecoveryExports.Export(1, NOW.minusSeconds(60));
    private static final KeeperSync.Slot HOLDING = new KeeperSync.Slot(1, "https://k1", true, NOW, 0);

    @Test
    void allWellIsHealthyWithoutWarnings() {
        HealthReport r = report(keys(100, "idle", NOW), AUDIT_OK, BACKED_UP);
        assertTrue(r.healthy());
        assertEquals(List.of(), r.problems());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void aKeyAtEightyPercentOfItsNonceBudgetIsAProblemJustBelowItIsNot() {
        assertTrue(report(keys(799, "idle", NOW), AUDIT_OK, BACKED_UP).healthy());
        HealthReport at = report(keys(800, "idle", NOW), AUDIT_OK, BACKED_UP);
        assertEquals(List.of("The active storage key (generation 2) used 80% of its nonce budget: rotate the keys."),
                at.problems());
    }

    @Test
    void aFailedRotationIsAProblem() {
        assertEquals(List.of("The last key rotation failed."),
                report(keys(1, "failed", NOW), AUDIT_OK, BACKED_UP).problems());
    }

    @Test
    void auditFailuresCountForFiveMinutes() {
        String problem = "Audit lines could not be written within the last 5 minutes.";
        assertEquals(List.of(problem), report(keys(1, "idle", NOW),
                new AuditSink.Stats(10, 1, 0, NOW.minus(Duration.ofMinutes(4))), BACKED_UP).problems());
        assertTrue(report(keys(1, "idle", NOW), new AuditSink.Stats(10, 1, 0, NOW.minus(Duration.ofMinutes(6))),
                BACKED_UP).healthy());
    }

    @Test
    void anOldOrMissingBackupAndAnOffScheduleAreWarningsNotProblems() {
        HealthReport r = report(keys(1, "idle", null), AUDIT_OK,
                new BackupHistory.Facts(1, 0, NOW.minus(Duration.ofHours(25)), NOW.minus(Duration.ofHours(25))));
        assertTrue(r.healthy());
        assertEquals(List.of("No verified backup within SPIKE_NEXUS_BACKUP_MAX_AGE since Nexus started: run "
                + "'spike operator backup'.", "The key rotation schedule is off (SPIKE_NEXUS_KEY_ROTATION_INTERVAL=0s)."),
                r.warnings());
        assertFalse(report(keys(1, "idle", NOW), AUDIT_OK, new BackupHistory.Facts(0, 0, null, null))
                .warnings().isEmpty());
    }

    @Test
    void aSealedNexusDoesNotJudgeItsKeepers() {
        HealthReport sealed = new HealthReport(NOW, BackendKind.SQLITE, Readiness.no("sealed: waiting"), false, -1,
                -1, null, List.of(new KeeperSync.Slot(1, "https://k1", false, null, 3)), Duration.ofSeconds(5),
                AUDIT_OK, "fail-closed to a file", BACKED_UP, Duration.ofHours(24), EXPORTED, false);
        assertEquals(List.of("Nexus is not ready: sealed: waiting."), sealed.problems());
    }

    private static NexusHealth.Keys keys(long encryptions, String phase, Instant next) {
        List<NexusHealth.Generation> active = List.of(
                new NexusHealth.Generation("storage", 2, NOW, encryptions, 1000),
                new NexusHealth.Generation("cipher", 2, NOW, 0, 1000));
        return new NexusHealth.Keys(1, null, active, phase, false, 0, 0, NOW, next, 1, "failed".equals(phase) ? 1 : 0);
    }

    private static HealthReport report(NexusHealth.Keys keys, AuditSink.Stats audit, BackupHistory.Facts backups) {
        return new HealthReport(NOW, BackendKind.SQLITE, Readiness.yes(), true, 4096, 3, keys, List.of(HOLDING),
                Duration.ofSeconds(5), audit, "fail-closed to a file", backups, Duration.ofHours(24), EXPORTED, false);
    }
}
