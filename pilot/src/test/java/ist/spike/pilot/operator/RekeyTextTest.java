package ist.spike.pilot.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ist.spike.common.wire.operator.RekeyResponse;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code spike operator rekey} in human format: above all, which recovery shards still work. */
class RekeyTextTest {
    private static final RekeyText UTC = new RekeyText(ZoneId.of("UTC"));

    @Test
    void underWayTheOldShardsStillWork() {
        assertEquals(List.of(
                "Rekey under way: 1 of 3 keepers hold a shard of the new root key (root epoch 2, started "
                        + "2026-11-23 19:41:52 UTC).",
                "",
                "  Nexus completes the rekey by itself once every keeper holds its new shard, and says so",
                "  in its log. Until then the recovery shards exported before it still work; once it is",
                "  complete they no longer do, and new ones must be exported with 'spike operator recover'."),
                UTC.lines(new RekeyResponse(2, 3, 1, false, "2026-11-23T19:41:52Z", "")));
    }

    @Test
    void completeTheOldShardsNoLongerWork() {
        assertEquals(List.of(
                "Root key rekeyed: 3 of 3 keepers hold a shard of the new root key (root epoch 2, started "
                        + "2026-11-23 19:41:52 UTC).",
                "",
                "  Recovery shards exported before this rekey NO LONGER WORK: they rebuild the old root",
                "  key, which no longer opens the store. Export new ones now with 'spike operator recover'",
                "  (Pilot recover role), store them safely, and destroy the old ones."),
                UTC.lines(new RekeyResponse(2, 3, 3, true, "2026-11-23T19:41:52Z", "")));
    }

    @Test
    void noStartTimeNoStartClause() {
        assertEquals("Rekey under way: 0 of 2 keepers hold a shard of the new root key (root epoch 5).",
                UTC.lines(new RekeyResponse(5, 2, 0, false, "", "")).get(0));
    }
}
