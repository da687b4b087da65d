package ist.spike.pilot.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ist.spike.common.wire.operator.StatusResponse;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code spike status} in human format: the verdict first, then one line per fact. */
class StatusTextTest {
    private static final String T = "2026-12-02T10:00:00Z";

    @Test
    void anUnhealthyOpenNexus() {
        StatusResponse s = new StatusResponse("0.1.0", true, "ready", false,
                List.of("Keeper slot 2 does not hold its shard."), List.of("The key rotation schedule is off."),
                "sqlite", 1536L, 1,
                new StatusResponse.Keys(1, "", List.of(new StatusResponse.Generation("storage", 2, T, 40, 1000, 0.04)),
                        "idle", false, 0, 0, "", "", 0, 0),
                List.of(new StatusResponse.Keeper(1, "https://k1:8443", true, true, T, 0),
                        new StatusResponse.Keeper(2, "https://k2:8443", false, false, "", 7)),
                5, new StatusResponse.Audit("fail-closed to a file", 12, 0, 0, ""),
                new StatusResponse.Backups(0, 0, "", "", 86400), new StatusResponse.RecoveryExport(1, T, true), "");
        assertEquals(List.of(
                "SPIKE Nexus 0.1.0: UNHEALTHY",
                "Ready       : yes",
                "Problems:",
                "  - Keeper slot 2 does not hold its shard.",
                "Warnings:",
                "  - The key rotation schedule is off.",
                "Backend     : sqlite, 1.5 KiB on disk, 1 secret",
                "Root key    : epoch 1, last rekey never",
                "  storage key generation 2, active since 2026-12-02 10:00:00 UTC, 40 encryptions (4.0% of its nonce "
                        + "budget)",
                "Rotation    : idle; last never, next not scheduled; 0 completed, 0 failed since Nexus started",
                "Keepers     : 2, pushed every 5s",
                "  1. https://k1:8443  holds its shard, last push 2026-12-02 10:00:00 UTC, 0 failed pushes",
                "  2. https://k2:8443  NO SHARD (unreachable), last push never, 7 failed pushes",
                "Audit       : fail-closed to a file; 12 lines written, 0 failed, 0 queued",
                "Backups     : 0 made and 0 failed since Nexus started; last verified never; max age 24h",
                "Recovery    : last export 2026-12-02 10:00:00 UTC, root epoch 1 (STALE: a rekey came since)"),
                new StatusText(ZoneId.of("UTC")).report(s));
    }

    @Test
    void aSealedNexusShowsWhatItKnows() {
        StatusResponse s = new StatusResponse("dev", false, "sealed: waiting for the root key", false,
                List.of("Nexus is not ready: sealed: waiting for the root key."), List.of(), "sqlite", null, null,
                null, List.of(), 0, new StatusResponse.Audit("off", 0, 0, 0, ""),
                new StatusResponse.Backups(0, 0, "", "", 3600), new StatusResponse.RecoveryExport(0, "", false), "");
        assertEquals(List.of(
                "SPIKE Nexus dev: UNHEALTHY",
                "Ready       : no (sealed: waiting for the root key)",
                "Problems:",
                "  - Nexus is not ready: sealed: waiting for the root key.",
                "Backend     : sqlite",
                "Audit       : off; 0 lines written, 0 failed, 0 queued",
                "Backups     : 0 made and 0 failed since Nexus started; last verified never; max age 1h",
                "Recovery    : no export known"), new StatusText(ZoneId.of("UTC")).report(s));
    }

    @Test
    void sizesAndDurations() {
        assertEquals("0 B", StatusText.size(0));
        assertEquals("1023 B", StatusText.size(1023));
        assertEquals("1.0 MiB", StatusText.size(1 << 20));
        assertEquals("5s", StatusText.duration(5));
        assertEquals("1m30s", StatusText.duration(90));
        assertEquals("24h", StatusText.duration(86400));
        assertEquals("-", StatusText.duration(0));
    }
}
