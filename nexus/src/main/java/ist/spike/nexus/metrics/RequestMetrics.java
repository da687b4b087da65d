package ist.spike.nexus.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import ist.spike.nexus.http.RequestObserver;
import ist.spike.nexus.http.Route;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests by route, action and status, and their duration. Labels come from the route table (its own
 * paths and actions), never from the request: an unknown path is {@code route="unknown"}. The data points
 * of each route are looked up once and kept, so a request costs two map lookups and two increments.
 */
final class RequestMetrics implements RequestObserver {
    static final String UNKNOWN = "unknown";
    static final String NO_ACTION = "none";
    private static final double[] SECONDS = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Counter requests;
    private final Histogram duration;
    private final Map<Route<?>, Series> byRoute = new ConcurrentHashMap<>();
    private final Series unknown;

    RequestMetrics(PrometheusRegistry registry) {
        requests = Counter.builder().name("spike_nexus_requests_total")
                .help("API requests answered, by route, action and HTTP status")
                .labelNames("route", "action", "status").withoutExemplars().register(registry);
        duration = Histogram.builder().name("spike_nexus_request_duration_seconds")
                .help("Time from an API request's arrival to its answer")
                .labelNames("route", "action").classicOnly().classicUpperBounds(SECONDS).withoutExemplars()
                .register(registry);
        unknown = new Series(UNKNOWN, NO_ACTION);
    }

    @Override
    public void answered(Route<?> route, int status, long nanos) {
        Series series = route == null ? unknown : byRoute.computeIfAbsent(route,
                r -> new Series(r.path(), r.action() == null || r.action().isEmpty() ? NO_ACTION : r.action()));
        series.answered(status, nanos);
    }

    private final class Series {
        private final String route;
        private final String action;
        private final DistributionDataPoint time;
        private final Map<Integer, CounterDataPoint> byStatus = new ConcurrentHashMap<>();

        Series(String route, String action) {
            this.route = route;
            this.action = action;
            this.time = duration.labelValues(route, action);
        }

        void answered(int status, long nanos) {
            byStatus.computeIfAbsent(status, s -> requests.labelValues(route, action, Integer.toString(s))).inc();
            time.observe(nanos / 1e9);
        }
    }
}
