package ist.spike.keeper;

import ist.spike.common.wire.ErrorCode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ObjLongConsumer;

/**
 * What the keeper answered, as plain counters (no Prometheus here; {@link KeeperMetrics} reads them when
 * the health listener is on). Labels come from fixed sets: the keeper's two route paths or
 * {@code unknown}, the status codes it answers with, and two refusal reasons. Never a caller or a shard.
 */
final class KeeperCounters {
    static final String UNKNOWN_ROUTE = "unknown";

    /** A route label and a status code. */
    record Answer(String route, int status) {}

    private final Map<Answer, LongAdder> answers = new ConcurrentHashMap<>();
    private final LongAdder unauthorized = new LongAdder();
    private final LongAdder badRequests = new LongAdder();

    /** The route label for a request path: one of the keeper's routes, else {@value #UNKNOWN_ROUTE}. */
    static String route(String path) {
        return KeeperApi.CONTRIBUTE.equals(path) || KeeperApi.SHARD.equals(path) ? path : UNKNOWN_ROUTE;
    }

    void answered(String path, int status) {
        answers.computeIfAbsent(new Answer(route(path), status), a -> new LongAdder()).increment();
    }

    void refused(ErrorCode code) {
        if (code == ErrorCode.ACCESS_UNAUTHORIZED) {
            unauthorized.increment();
        } else if (code == ErrorCode.API_BAD_REQUEST) {
            badRequests.increment();
        }
    }

    /** Each route and status answered so far, with its count. */
    void forEachAnswer(ObjLongConsumer<Answer> each) {
        answers.forEach((answer, count) -> each.accept(answer, count.sum()));
    }

    long unauthorized() {
        return unauthorized.sum();
    }

    long badRequests() {
        return badRequests.sum();
    }
}
