package ist.spike.keeper;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import ist.spike.common.audit.AuditSink;
import java.util.function.DoubleSupplier;

/**
 * The keeper's metrics (docs/monitoring/metrics.md), read at scrape time from the plain counters and
 * facts the keeper keeps: nothing is counted twice, and nothing here runs on the request path. Only
 * loaded when the health listener is on.
 */
final class KeeperMetrics {
    private final PrometheusRegistry registry;

    private KeeperMetrics(PrometheusRegistry registry) {
        this.registry = registry;
    }

    static void register(PrometheusRegistry registry, ShardHolder holder, KeeperCounters counters, AuditSink audit) {
        KeeperMetrics m = new KeeperMetrics(registry);
        m.gauge("spike_keeper_ready", "1 while the keeper holds a shard", () -> holder.isPresent() ? 1 : 0);
        m.gauge("spike_keeper_shard_held", "1 while the keeper holds a shard", () -> holder.isPresent() ? 1 : 0);
        m.gauge("spike_keeper_last_contribution_timestamp_seconds", "When the keeper was last given its shard (0: never)",
                () -> holder.lastSetMillis() / 1000.0);
        CounterWithCallback.builder().name("spike_keeper_requests_total").help("API requests answered")
                .labelNames("route", "status")
                .callback(cb -> counters.forEachAnswer((a, count) -> cb.call(count, a.route(), Integer.toString(a.status()))))
                .register(registry);
        CounterWithCallback.builder().name("spike_keeper_requests_refused_total").help("API requests refused")
                .labelNames("reason").callback(cb -> {
                    cb.call(counters.unauthorized(), "unauthorized");
                    cb.call(counters.badRequests(), "bad_request");
                }).register(registry);
        m.counter("spike_keeper_audit_lines_written_total", "Audit lines written", () -> audit.stats().written());
        m.counter("spike_keeper_audit_write_failures_total", "Audit lines that could not be written",
                () -> audit.stats().failed());
        m.gauge("spike_keeper_audit_queue_depth", "Audit lines waiting for the writer", () -> audit.stats().queued());
    }

    private void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
    }

    private void counter(String name, String help, DoubleSupplier value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }
}
