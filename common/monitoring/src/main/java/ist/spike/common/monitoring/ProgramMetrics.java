package ist.spike.common.monitoring;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** A program's registry: its build, the JVM's own metrics (memory, GC, threads) and what the program adds. */
public final class ProgramMetrics {
    private ProgramMetrics() {}

    /**
     * @param prefix {@code spike_nexus} or {@code spike_keeper}
     */
    public static PrometheusRegistry registry(String prefix, String version) {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        GaugeWithCallback.builder().name(prefix + "_build_info").help("Always 1; the version as a label")
                .labelNames("version").callback(cb -> cb.call(1, version)).register(registry);
        return registry;
    }
}
