package ist.spike.pilot.status;

import ist.spike.common.wire.operator.StatusResponse;
import ist.spike.common.wire.operator.StatusResponse.Generation;
import ist.spike.common.wire.operator.StatusResponse.Keeper;
import ist.spike.pilot.operator.HumanTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code spike status} as people read it, from Nexus's answer alone: the verdict first, then the facts.
 * Pure text, so tests need no Nexus; times in the zone the caller gives.
 */
final class StatusText {
    private final HumanTime time;

    StatusText(ZoneId zone) {
        this.time = new HumanTime(zone);
    }

    List<String> report(StatusResponse s) {
        List<String> lines = new ArrayList<>();
        lines.add("SPIKE Nexus " + s.version() + ": " + (s.healthy() ? "healthy" : "UNHEALTHY"));
        lines.add("Ready       : " + (s.ready() ? "yes" : "no (" + s.reason() + ")"));
        if (!s.problems().isEmpty()) {
            lines.add("Problems:");
            s.problems().forEach(p -> lines.add("  - " + p));
        }
        if (!s.warnings().isEmpty()) {
            lines.add("Warnings:");
            s.warnings().forEach(w -> lines.add("  - " + w));
        }
        lines.add("Backend     : " + backend(s));
        if (s.keys() != null) {
            keys(s.keys(), lines);
        }
        if (!s.keepers().isEmpty()) {
            lines.add("Keepers     : " + s.keepers().size() + ", pushed every " + duration(s.keeperSyncIntervalSeconds()));
            s.keepers().forEach(k -> lines.add("  " + keeper(k)));
        }
        if (s.audit() != null) {
            var a = s.audit();
            lines.add("Audit       : " + a.mode() + "; " + a.linesWritten() + " lines written, " + a.failures()
                    + " failed" + (a.lastFailure().isEmpty() ? "" : " (last " + time.of(a.lastFailure(), "") + ")")
                    + ", " + a.queued() + " queued");
        }
        if (s.backups() != null) {
            var b = s.backups();
            lines.add("Backups     : " + b.made() + " made and " + b.failed() + " failed since Nexus started; last "
                    + "verified " + time.of(b.lastVerified(), "never") + "; max age "
                    + duration(b.maxAgeSeconds()));
        }
        if (s.recoveryExport() != null) {
            var e = s.recoveryExport();
            lines.add("Recovery    : " + (e.at().isEmpty() ? "no export known"
                    : "last export " + time.of(e.at(), "") + ", root epoch " + e.rootEpoch()
                            + (e.stale() ? " (STALE: a rekey came since)" : "")));
        }
        return lines;
    }

    private static String backend(StatusResponse s) {
        StringBuilder text = new StringBuilder(s.backend());
        if (s.storeSizeBytes() != null) {
            text.append(", ").append(size(s.storeSizeBytes())).append(" on disk");
        }
        if (s.secretCount() != null) {
            text.append(", ").append(s.secretCount()).append(s.secretCount() == 1 ? " secret" : " secrets");
        }
        return text.toString();
    }

    private void keys(StatusResponse.Keys k, List<String> lines) {
        lines.add("Root key    : epoch " + k.rootEpoch() + ", last rekey " + time.of(k.lastRekey(), "never"));
        for (Generation g : k.generations()) {
            lines.add("  " + g.purpose() + " key generation " + g.generation() + ", active since "
                    + time.of(g.activeSince(), "-") + ", " + g.encryptions() + " encryptions ("
                    + String.format(Locale.ROOT, "%.1f", g.budgetUsed() * 100) + "% of its nonce budget)");
        }
        String phase = k.rotationInProgress()
                ? k.rotationPhase() + " (" + k.resealed() + " re-sealed, " + k.verified() + " verified)"
                : k.rotationPhase();
        lines.add("Rotation    : " + phase + "; last " + time.of(k.lastRotation(), "never") + ", next "
                + time.of(k.nextRotation(), "not scheduled") + "; " + k.rotationsCompleted() + " completed, "
                + k.rotationsFailed() + " failed since Nexus started");
    }

    private String keeper(Keeper k) {
        return k.slot() + ". " + k.address() + "  " + (k.holdsShard() ? "holds its shard" : "NO SHARD (unreachable)")
                + ", last push " + time.of(k.lastPush(), "never") + ", " + k.failures() + " failed pushes";
    }

    /** 1536 → "1.5 KiB". */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** 90 → "1m30s", 86400 → "24h", as Go writes durations (without the zero parts). */
    static String duration(long seconds) {
        if (seconds <= 0) {
            return "-";
        }
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return (h > 0 ? h + "h" : "") + (m > 0 ? m + "m" : "") + (s > 0 ? s + "s" : "");
    }
}
