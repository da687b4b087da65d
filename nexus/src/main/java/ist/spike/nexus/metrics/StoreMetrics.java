package ist.spike.nexus.metrics;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import ist.spike.nexus.store.StoreTimings;
import ist.spike.nexus.store.sqlite.CommitObserver;

/** Store transactions' duration, and the group commit's batch sizes and commit (fsync) times. */
final class StoreMetrics implements StoreTimings, CommitObserver {
    private static final double[] SECONDS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
    private static final double[] WRITES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

    private final DistributionDataPoint reads;
    private final DistributionDataPoint writes;
    private final DistributionDataPoint batchSize;
    private final DistributionDataPoint fsync;

    StoreMetrics(PrometheusRegistry registry) {
        Histogram operations = Histogram.builder().name("spike_nexus_store_operation_duration_seconds")
                .help("One store transaction, from the sealing layer down").labelNames("operation")
                .classicOnly().classicUpperBounds(SECONDS).withoutExemplars().register(registry);
        reads = operations.labelValues("read");
        writes = operations.labelValues("write");
        batchSize = Histogram.builder().name("spike_nexus_store_commit_batch_size")
                .help("Writes committed together by one group commit").classicOnly().classicUpperBounds(WRITES)
                .withoutExemplars().register(registry);
        fsync = Histogram.builder().name("spike_nexus_store_fsync_duration_seconds")
                .help("One group commit's COMMIT, which fsyncs the write-ahead log").classicOnly()
                .classicUpperBounds(SECONDS).withoutExemplars().register(registry);
    }

    @Override
    public void read(long nanos) {
        reads.observe(nanos / 1e9);
    }

    @Override
    public void write(long nanos) {
        writes.observe(nanos / 1e9);
    }

    @Override
    public void committed(int writeCount, long commitNanos) {
        batchSize.observe(writeCount);
        fsync.observe(commitNanos / 1e9);
    }
}
