package ist.spike.nexus.http;

import ist.spike.common.audit.AuditSink;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.wire.operator.StatusRequest;
import ist.spike.common.wire.operator.StatusResponse;
import ist.spike.nexus.health.HealthReport;
import ist.spike.nexus.health.NexusHealth;
import ist.spike.nexus.operator.BackupHistory;
import ist.spike.nexus.operator.RecoveryExports;
import ist.spike.nexus.rootkey.KeeperSync;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code spike status}'s route (docs/api.md, "Status"): Nexus's health, its verdict and the facts behind it.
 * Superuser only, and served while Nexus is sealed, which is when operators need it most.
 */
public final class StatusRoutes {
    static final String STATUS = "/v1/operator/status";

    private final Roles roles;
    private final NexusHealth health;
    private final String version;

    public StatusRoutes(Roles roles, NexusHealth health, String version) {
        this.roles = roles;
        this.health = health;
        this.version = version;
    }

    public void addTo(RouteTable table) {
        table.add(Route.<StatusRequest>post(STATUS, "")
                .guard(Guard.identity(roles.predicate(Role.PILOT_SUPERUSER)))
                .decoder(JsonBodies.of(StatusRequest.class))
                .handler(call -> Reply.json(describe(health.report(), version)))
                .errorBody(StatusResponse::error)
                .availableBeforeRootKey()
                .build());
    }

    static StatusResponse describe(HealthReport r, String version) {
        return new StatusResponse(version, r.readiness().ready(), r.readiness().reason(), r.healthy(), r.problems(),
                r.warnings(), r.backend().name().toLowerCase(Locale.ROOT),
                r.storeSizeBytes() < 0 ? null : r.storeSizeBytes(), r.secretCount() < 0 ? null : r.secretCount(),
                r.keys() == null ? null : keys(r.keys()), r.keepers().stream().map(StatusRoutes::keeper).toList(),
                seconds(r.keeperSyncInterval()), audit(r.auditMode(), r.audit()),
                backups(r.backups(), r.backupMaxAge()), export(r.lastRecoveryExport(), r.recoveryExportStale()), "");
    }

    private static StatusResponse.Keys keys(NexusHealth.Keys k) {
        return new StatusResponse.Keys(k.rootEpoch(), time(k.lastRekey()), k.active().stream()
                .map(g -> new StatusResponse.Generation(g.purpose(), g.generation(), time(g.activeSince()),
                        g.encryptions(), g.maxEncryptions(), g.budgetUsed()))
                .toList(), k.rotationPhase(), k.rotationInProgress(), k.resealed(), k.verified(),
                time(k.lastRotation()), time(k.nextRotation()), k.rotationsCompleted(), k.rotationsFailed());
    }

    private static StatusResponse.Keeper keeper(KeeperSync.Slot s) {
        return new StatusResponse.Keeper(s.id(), s.address(), s.holdsShard(), s.holdsShard(), time(s.lastPush()),
                s.failures());
    }

    private static StatusResponse.Audit audit(String mode, AuditSink.Stats a) {
        return new StatusResponse.Audit(mode, a.written(), a.failed(), a.queued(), time(a.lastFailure()));
    }

    private static StatusResponse.Backups backups(BackupHistory.Facts b, Duration maxAge) {
        return new StatusResponse.Backups(b.made(), b.failed(), time(b.lastVerified()), time(b.lastDelivered()),
                seconds(maxAge));
    }

    private static StatusResponse.RecoveryExport export(RecoveryExports.Export e, boolean stale) {
        return e == null ? new StatusResponse.RecoveryExport(0, "", false)
                : new StatusResponse.RecoveryExport(e.rootEpoch(), time(e.at()), stale);
    }

    private static long seconds(Duration d) {
        return d == null ? 0 : d.toSeconds();
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }
}
