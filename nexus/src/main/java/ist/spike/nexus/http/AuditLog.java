package ist.spike.nexus.http;

import ist.spike.common.audit.AuditJson;
import ist.spike.common.audit.AuditSink;
import ist.spike.common.audit.AuditUnavailableException;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The audit trail of the API, two JSON lines per request that reaches a route: a {@code request} line
 * (who asks for what, on which path) written before the route acts, and a {@code response} line (outcome,
 * HTTP status, duration) written before the answer is sent. A request refused before its route runs has
 * only the response line. Both go to the {@link AuditSink}; when it cannot write them the request is refused
 * (fail-closed), see docs/adr/0015-fail-closed-audit.md. Values, plaintexts, keys and shards never reach
 * this class.
 *
 * <p>The line is written by hand, not by Jackson: it runs on every request, and data binding plus
 * {@link Instant#toString} were a fifth of the dispatcher's own time. The output is byte for byte what
 * Jackson's default mapper writes for the record of these fields ({@code AuditLogTest} pins that).
 */
public final class AuditLog {
    private final AuditSink sink;
    private final boolean off;

    public AuditLog(AuditSink sink) {
        this.sink = sink;
        this.off = sink == AuditSink.Off.INSTANCE;
    }

    public static String newTrailId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    /** Before the route acts: returns once the line is written, or throws (then the route must not run). */
    public void request(String trail, String caller, String route, String action, String path)
            throws AuditUnavailableException {
        if (!off) {
            sink.write(line(Instant.now(), "request", trail, caller, route, action, path, null, 0, 0.0));
        }
    }

    /** Before the answer is sent: returns once the line is written, or throws (then the answer is a 503). */
    public void response(String trail, String caller, String route, String action, String path, String outcome,
            int status, long startedNanos) throws AuditUnavailableException {
        if (!off) {
            double ms = Math.round((System.nanoTime() - startedNanos) / 10_000.0) / 100.0;
            sink.write(line(Instant.now(), "response", trail, caller, route, action, path, outcome, status, ms));
        }
    }

    /**
     * The audit line: fields in this order, strings escaped as Jackson does, nulls as {@code null}; a
     * request line ends after the path.
     */
    static String line(Instant time, String type, String trail, String caller, String route, String action,
            String path, String outcome, int status, double durationMs) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"time\":\"");
        AuditJson.appendTime(out, time);
        out.append("\",\"type\":");
        AuditJson.appendString(out, type);
        out.append(",\"trail\":");
        AuditJson.appendString(out, trail);
        out.append(",\"caller\":");
        AuditJson.appendString(out, caller);
        out.append(",\"route\":");
        AuditJson.appendString(out, route);
        out.append(",\"action\":");
        AuditJson.appendString(out, action);
        out.append(",\"path\":");
        AuditJson.appendString(out, path);
        if (outcome == null) {
            return out.append('}').toString();
        }
        out.append(",\"outcome\":");
        AuditJson.appendString(out, outcome);
        out.append(",\"status\":").append(status);
        out.append(",\"durationMs\":").append(durationMs); // Double.toString, as Jackson writes it
        return out.append('}').toString();
    }
}
