package ist.spike.nexus.health;

import ist.spike.common.audit.AuditSink;
import ist.spike.common.monitoring.Readiness;
import ist.spike.nexus.config.BackendKind;
import ist.spike.nexus.keyring.KeyPurpose;
import ist.spike.nexus.keyring.Keyring;
import ist.spike.nexus.keyring.LiveKeyring;
import ist.spike.nexus.operator.BackupHistory;
import ist.spike.nexus.operator.RecoveryExports;
import ist.spike.nexus.rootkey.KeeperSync;
import ist.spike.nexus.rootkey.RootKeyHolder;
import ist.spike.nexus.store.sealed.KeyRotation;
import ist.spike.nexus.store.sealed.SealedBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Every fact the health listener, the metrics and {@code spike status} show, read from the parts that own
 * them; one place, so the three always agree. No fact is a secret, a secret's path or a caller.
 */
public final class NexusHealth {
    private static final Duration SECRET_COUNT_REFRESH = Duration.ofSeconds(30);

    private final Parts parts;
    private final Clock clock;
    private volatile CachedCount secrets;

    /**
     * What Nexus is made of, as far as its health goes.
     *
     * @param policiesLoaded true once every policy is compiled (always true without policies)
     * @param sealed         the open store, null while sealed (and for lite, which has none)
     * @param rotation       the open store's rotation, null likewise
     * @param keeperSync     null for the memory backend (no keepers)
     * @param storeSize      bytes on disk, -1 where nothing is on disk
     * @param secretCount    counts stored secret paths (called at most every 30 s)
     */
    public record Parts(BackendKind backend, RootKeyHolder rootKey, BooleanSupplier policiesLoaded,
            Supplier<SealedBackend> sealed, Supplier<KeyRotation> rotation, KeeperSync keeperSync, AuditSink audit,
            String auditMode, BackupHistory backups, RecoveryExports recoveryExports, Duration backupMaxAge,
            java.util.function.LongSupplier storeSize, java.util.function.IntSupplier secretCount) {}

    /** One active data-key generation. */
    public record Generation(String purpose, int generation, Instant activeSince, long encryptions,
            long maxEncryptions) {
        public double budgetUsed() {
            return maxEncryptions <= 0 ? 0 : (double) encryptions / maxEncryptions;
        }
    }

    /** The keyring and its rotation, once the store is open. */
    public record Keys(int rootEpoch, Instant lastRekey, List<Generation> active, String rotationPhase,
            boolean rotationInProgress, long resealed, long verified, Instant lastRotation, Instant nextRotation,
            long rotationsCompleted, long rotationsFailed) {}

    private record CachedCount(int value, Instant at) {}

    public NexusHealth(Parts parts, Clock clock) {
        this.parts = parts;
        this.clock = clock;
    }

    public BackendKind backend() {
        return parts.backend();
    }

    public Readiness readiness() {
        if (parts.backend() == BackendKind.MEMORY) {
            return Readiness.yes();
        }
        if (!parts.rootKey().isPresent()) {
            return Readiness.no("sealed: waiting for the root key (from the keepers, or a restore)");
        }
        if (!parts.policiesLoaded().getAsBoolean()) {
            return Readiness.no("loading policies");
        }
        SealedBackend sealed = parts.sealed().get();
        if (sealed != null) {
            try {
                sealed.records().ping();
            } catch (RuntimeException e) {
                return Readiness.no("the store does not answer");
            }
        }
        return Readiness.yes();
    }

    public boolean rootKeyPresent() {
        return parts.rootKey().isPresent();
    }

    /** The keyring's facts, or null while there is no open store (sealed, or the lite backend). */
    public Keys keys() {
        SealedBackend sealed = parts.sealed().get();
        KeyRotation rotation = parts.rotation().get();
        if (sealed == null || rotation == null) {
            return null;
        }
        KeyRotation.Status status = rotation.status();
        Keyring keyring = status.keyring();
        LiveKeyring live = sealed.keyring();
        List<Generation> active = new ArrayList<>();
        for (KeyPurpose purpose : KeyPurpose.values()) {
            var key = keyring.active(purpose);
            active.add(new Generation(purpose.name().toLowerCase(java.util.Locale.ROOT), key.generation(),
                    key.createdTime(), live.used(purpose), status.maxEncryptions()));
        }
        boolean inProgress = status.phase() == KeyRotation.Phase.RESEALING
                || status.phase() == KeyRotation.Phase.VERIFYING;
        return new Keys(keyring.rootEpoch(), keyring.lastRekey(), active,
                status.phase().name().toLowerCase(java.util.Locale.ROOT), inProgress, status.resealed(),
                status.verified(), keyring.lastRotation(), status.nextScheduled(), rotation.completed(),
                rotation.failed());
    }

    /** Keeper slots as Nexus's pushes saw them; empty without keepers. */
    public List<KeeperSync.Slot> keepers() {
        return parts.keeperSync() == null ? List.of() : parts.keeperSync().slots();
    }

    /** The keeper sync interval, or null without keepers. */
    public Duration keeperSyncInterval() {
        return parts.keeperSync() == null ? null : parts.keeperSync().interval();
    }

    public AuditSink.Stats audit() {
        return parts.audit().stats();
    }

    public String auditMode() {
        return parts.auditMode();
    }

    public BackupHistory.Facts backups() {
        return parts.backups().facts();
    }

    public Duration backupMaxAge() {
        return parts.backupMaxAge();
    }

    /** The last export of recovery shards, or null when none is known. */
    public RecoveryExports.Export lastRecoveryExport() {
        return parts.recoveryExports().last();
    }

    /** True when the last exported shards are of an older root key than the one in use (a rekey came since). */
    public boolean recoveryExportStale() {
        RecoveryExports.Export export = lastRecoveryExport();
        Keys keys = keys();
        return export != null && keys != null && export.rootEpoch() < keys.rootEpoch();
    }

    public long storeSizeBytes() {
        return parts.rootKey().isPresent() ? parts.storeSize().getAsLong() : -1;
    }

    /** Stored secret paths, counted at most every 30 s; -1 while the store is not open. */
    public int secretCount() {
        if (parts.backend() != BackendKind.MEMORY && !parts.rootKey().isPresent()) {
            return -1;
        }
        CachedCount cached = secrets;
        Instant now = clock.instant();
        if (cached == null || Duration.between(cached.at(), now).compareTo(SECRET_COUNT_REFRESH) >= 0) {
            try {
                cached = new CachedCount(parts.secretCount().getAsInt(), now);
            } catch (RuntimeException e) {
                return cached == null ? -1 : cached.value();
            }
            secrets = cached;
        }
        return cached.value();
    }
}
