package ist.spike.nexus.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import ist.spike.nexus.health.NexusHealth;
import ist.spike.nexus.limits.RequestLimits;
import ist.spike.nexus.rootkey.KeeperSync;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The metrics read at scrape time from {@link NexusHealth} and the request limits: readiness, key health,
 * keepers, audit, backups, store size, refusals. Nothing is counted twice: the parts keep their own
 * numbers, and these callbacks only read them.
 */
final class HealthMetrics {
    static final Duration RATE_LIMITED_WINDOW = Duration.ofMinutes(1);

    private final PrometheusRegistry registry;
    private final NexusHealth health;

    private HealthMetrics(PrometheusRegistry registry, NexusHealth health) {
        this.registry = registry;
        this.health = health;
    }

    static void register(PrometheusRegistry registry, NexusHealth health, RequestLimits limits) {
        HealthMetrics m = new HealthMetrics(registry, health);
        m.gauge("spike_nexus_ready", "1 when Nexus serves: root key in, store answering",
                () -> health.readiness().ready() ? 1 : 0);
        m.limits(limits);
        m.store();
        m.keys();
        m.keepers();
        m.audit();
        m.backups();
    }

    private void limits(RequestLimits limits) {
        CounterWithCallback.builder().name("spike_nexus_request_bodies_refused_total")
                .help("Request bodies refused by the limits before they were read").labelNames("reason")
                .callback(cb -> {
                    RequestLimits.Refusals r = limits.refusals();
                    cb.call(r.bodiesTooLarge(), "too_large");
                    cb.call(r.bodiesOverBudget(), "budget");
                }).register(registry);
        counter("spike_nexus_rate_limited_requests_total", "Requests answered 429 by the per-caller rate limiter",
                () -> limits.refusals().rateLimited());
        gauge("spike_nexus_rate_limited_callers", "Callers the rate limiter refused at least once in the last minute",
                () -> limits.callersRateLimitedWithin(RATE_LIMITED_WINDOW));
    }

    private void store() {
        optionalGauge("spike_nexus_store_size_bytes", "Database files on disk (main file and write-ahead log)", cb -> {
            long size = health.storeSizeBytes();
            if (size >= 0) {
                cb.accept((double) size);
            }
        });
        optionalGauge("spike_nexus_secrets", "Stored secret paths (counted at most every 30 s)", cb -> {
            int count = health.secretCount();
            if (count >= 0) {
                cb.accept((double) count);
            }
        });
    }

    private void keys() {
        gauge("spike_nexus_root_key_present", "1 while the root key is in memory",
                () -> health.rootKeyPresent() ? 1 : 0);
        optionalGauge("spike_nexus_root_key_epoch", "Which root key seals the keyring (a rekey increments it)",
                cb -> keys(k -> cb.accept((double) k.rootEpoch())));
        optionalGauge("spike_nexus_root_key_last_rekey_timestamp_seconds", "When the root key last changed (0: never)",
                cb -> keys(k -> cb.accept(seconds(k.lastRekey()))));
        GaugeWithCallback.builder().name("spike_nexus_key_generation").help("The active data-key generation")
                .labelNames("purpose").callback(cb -> keys(k -> k.active().forEach(
                        g -> cb.call(g.generation(), g.purpose())))).register(registry);
        GaugeWithCallback.builder().name("spike_nexus_key_generation_age_seconds")
                .help("How long the active generation has been active").labelNames("purpose")
                .callback(cb -> keys(k -> k.active().forEach(g -> cb.call(
                        Duration.between(g.activeSince(), Instant.now()).toMillis() / 1000.0, g.purpose()))))
                .register(registry);
        GaugeWithCallback.builder().name("spike_nexus_key_generation_encryptions")
                .help("Encryptions made with the active generation (its persisted reservation included)")
                .labelNames("purpose").callback(cb -> keys(k -> k.active().forEach(
                        g -> cb.call(g.encryptions(), g.purpose())))).register(registry);
        GaugeWithCallback.builder().name("spike_nexus_key_nonce_budget_used_ratio")
                .help("Encryptions with the active generation over its random-nonce limit").labelNames("purpose")
                .callback(cb -> keys(k -> k.active().forEach(g -> cb.call(g.budgetUsed(), g.purpose()))))
                .register(registry);
        optionalGauge("spike_nexus_key_rotation_in_progress", "1 while a rotation re-seals or verifies records",
                cb -> keys(k -> cb.accept(k.rotationInProgress() ? 1.0 : 0.0)));
        optionalGauge("spike_nexus_key_rotation_resealed_records", "Records the current (or last) rotation re-sealed",
                cb -> keys(k -> cb.accept((double) k.resealed())));
        optionalGauge("spike_nexus_key_rotation_verified_records", "Records it verified afterwards",
                cb -> keys(k -> cb.accept((double) k.verified())));
        optionalGauge("spike_nexus_key_rotation_last_timestamp_seconds",
                "When the newest generation was made by a rotation (0: never)",
                cb -> keys(k -> cb.accept(seconds(k.lastRotation()))));
        optionalGauge("spike_nexus_key_rotation_next_timestamp_seconds", "When the schedule rotates next",
                cb -> keys(k -> {
                    if (k.nextRotation() != null) {
                        cb.accept(seconds(k.nextRotation()));
                    }
                }));
        optionalCounter("spike_nexus_key_rotations_total", "Rotations completed",
                cb -> keys(k -> cb.accept((double) k.rotationsCompleted())));
        optionalCounter("spike_nexus_key_rotations_failed_total", "Rotations that ended in the failed phase",
                cb -> keys(k -> cb.accept((double) k.rotationsFailed())));
    }

    private void keepers() {
        optionalGauge("spike_nexus_keeper_sync_interval_seconds", "SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL", cb -> {
            Duration interval = health.keeperSyncInterval();
            if (interval != null) {
                cb.accept(interval.toMillis() / 1000.0);
            }
        });
        GaugeWithCallback.builder().name("spike_nexus_keeper_holds_current_shard")
                .help("1 when the last push of the current root key's shard to the slot succeeded")
                .labelNames("keeper").callback(cb -> health.keepers().forEach(
                        s -> cb.call(s.holdsShard() ? 1 : 0, slot(s)))).register(registry);
        GaugeWithCallback.builder().name("spike_nexus_keeper_last_push_timestamp_seconds")
                .help("Last successful push to the slot (0: none since start)").labelNames("keeper")
                .callback(cb -> health.keepers().forEach(s -> cb.call(seconds(s.lastPush()), slot(s))))
                .register(registry);
        CounterWithCallback.builder().name("spike_nexus_keeper_push_failures_total")
                .help("Failed pushes to the slot").labelNames("keeper")
                .callback(cb -> health.keepers().forEach(s -> cb.call(s.failures(), slot(s)))).register(registry);
    }

    private void audit() {
        counter("spike_nexus_audit_lines_written_total", "Audit lines written", () -> health.audit().written());
        counter("spike_nexus_audit_write_failures_total",
                "Audit lines that could not be written (their requests were refused)", () -> health.audit().failed());
        gauge("spike_nexus_audit_queue_depth", "Audit lines waiting for the writer", () -> health.audit().queued());
    }

    private void backups() {
        counter("spike_nexus_backups_total", "Backup snapshots made", () -> health.backups().made());
        counter("spike_nexus_backup_failures_total",
                "Snapshots not made, failing their check, or not delivered whole", () -> health.backups().failed());
        gauge("spike_nexus_backup_last_success_timestamp_seconds", "Last snapshot delivered whole (0: none)",
                () -> seconds(health.backups().lastDelivered()));
        gauge("spike_nexus_backup_last_verified_timestamp_seconds",
                "Last snapshot that passed SQLite's integrity check (0: none)",
                () -> seconds(health.backups().lastVerified()));
        gauge("spike_nexus_backup_max_age_seconds", "SPIKE_NEXUS_BACKUP_MAX_AGE",
                () -> health.backupMaxAge().toMillis() / 1000.0);
    }

    private void keys(Consumer<NexusHealth.Keys> use) {
        NexusHealth.Keys keys = health.keys();
        if (keys != null) {
            use.accept(keys);
        }
    }

    private static String slot(KeeperSync.Slot s) {
        return Integer.toString(s.id());
    }

    private static double seconds(Instant at) {
        return at == null ? 0 : at.toEpochMilli() / 1000.0;
    }

    private void gauge(String name, String help, java.util.function.DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }

    /** A gauge with no sample while its value is unknown (sealed, or not configured). */
    private void optionalGauge(String name, String help, Consumer<Consumer<Double>> value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> value.accept(cb::call)).register(registry);
    }

    private void counter(String name, String help, java.util.function.DoubleSupplier value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }

    private void optionalCounter(String name, String help, Consumer<Consumer<Double>> value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> value.accept(cb::call)).register(registry);
    }
}
