package ist.spike.nexus.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request on the {@code spike.audit} logger: who called what, on which path, with
 * what outcome. Values, plaintexts, keys and shards never reach this class.
 */
public final class AuditLog {
    private static final Logger AUDIT = LoggerFactory.getLogger("spike.audit");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The fields of one audit line, in the order they are written. */
    public record Event(String time, String trail, String caller, String route, String action, String path,
            String outcome, int status, double durationMs) {}

    public static String newTrailId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    public void record(String trail, String caller, String route, String action, String path, String outcome,
            int status, long startedNanos) {
        if (!AUDIT.isInfoEnabled()) {
            return;
        }
        double ms = Math.round((System.nanoTime() - startedNanos) / 10_000.0) / 100.0;
        Event event = new Event(Instant.now().toString(), trail, caller, route, action, path, outcome, status, ms);
        try {
            AUDIT.info(MAPPER.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            AUDIT.warn("audit event could not be written: {}", e.getClass().getSimpleName());
        }
    }
}
