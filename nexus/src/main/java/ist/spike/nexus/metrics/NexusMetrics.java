package ist.spike.nexus.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import ist.spike.common.monitoring.ProgramMetrics;
import ist.spike.nexus.health.NexusHealth;
import ist.spike.nexus.http.RequestObserver;
import ist.spike.nexus.limits.RequestLimits;
import ist.spike.nexus.store.StoreTimings;
import ist.spike.nexus.store.sqlite.CommitObserver;

/**
 * Nexus's Prometheus registry (docs/monitoring/metrics.md): the JVM's metrics, the requests and store
 * timings Nexus reports as they happen, and the health facts read at scrape time. Without a health
 * listener none of this exists: {@link #OFF} observes nothing.
 */
public final class NexusMetrics {
    public static final NexusMetrics OFF = new NexusMetrics(null, RequestObserver.NONE, StoreTimings.NONE,
            CommitObserver.NONE);

    private final PrometheusRegistry registry;
    private final RequestObserver requests;
    private final StoreTimings storeTimings;
    private final CommitObserver commits;

    private NexusMetrics(PrometheusRegistry registry, RequestObserver requests, StoreTimings storeTimings,
            CommitObserver commits) {
        this.registry = registry;
        this.requests = requests;
        this.storeTimings = storeTimings;
        this.commits = commits;
    }

    /** The recording half, created before the parts it observes. */
    public static NexusMetrics create(String version) {
        PrometheusRegistry registry = ProgramMetrics.registry("spike_nexus", version);
        StoreMetrics store = new StoreMetrics(registry);
        return new NexusMetrics(registry, new RequestMetrics(registry), store, store);
    }

    /** The reading half, once the parts exist. */
    public void readFrom(NexusHealth health, RequestLimits limits) {
        if (registry != null) {
            HealthMetrics.register(registry, health, limits);
        }
    }

    /** Null when off. */
    public PrometheusRegistry registry() {
        return registry;
    }

    public RequestObserver requests() {
        return requests;
    }

    public StoreTimings storeTimings() {
        return storeTimings;
    }

    public CommitObserver commits() {
        return commits;
    }
}
