package ist.spike.keeper;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.audit.AuditJson;
import ist.spike.common.audit.AuditSink;
import ist.spike.common.audit.AuditUnavailableException;
import java.time.Instant;

/**
 * The keeper's audit trail: one JSON line per request (who asked for or handed over the shard, on which
 * route, with what outcome), written before the effect: before a contributed shard is kept, before a
 * shard is sent. Never the shard itself.
 */
final class KeeperAudit {
    private final AuditSink sink;

    KeeperAudit(AuditSink sink) {
        this.sink = sink;
    }

    /** Returns once the line is written; throws when it cannot be (the request must then have no effect). */
    void record(SpiffeId caller, String route, String outcome, int status) throws AuditUnavailableException {
        if (sink != AuditSink.Off.INSTANCE) {
            sink.write(line(Instant.now(), caller == null ? null : caller.toString(), route, outcome, status));
        }
    }

    static String line(Instant time, String caller, String route, String outcome, int status) {
        StringBuilder out = new StringBuilder(192);
        out.append("{\"time\":\"");
        AuditJson.appendTime(out, time);
        out.append("\",\"type\":\"keeper\",\"caller\":");
        AuditJson.appendString(out, caller);
        out.append(",\"route\":");
        AuditJson.appendString(out, route);
        out.append(",\"outcome\":");
        AuditJson.appendString(out, outcome);
        out.append(",\"status\":").append(status);
        return out.append('}').toString();
    }
}
