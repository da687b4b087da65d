package ist.spike.pilot.operator;

import ist.spike.common.wire.operator.RekeyResponse;
import java.time.ZoneId;
import java.util.List;

/**
 * Where a root key rekey stands, as people read it, from Nexus's answer alone. What matters most to the
 * operator is which recovery shards work: the old ones until the rekey is complete, only new ones after.
 */
final class RekeyText {
    private final HumanTime time;

    RekeyText(ZoneId zone) {
        this.time = new HumanTime(zone);
    }

    List<String> lines(RekeyResponse r) {
        String keepers = r.keepersWithNewShard() + " of " + r.keepers() + " keepers hold a shard of the new root key";
        String when = r.started().isEmpty() ? "" : ", started " + time.of(r.started(), "");
        if (r.complete()) {
            return List.of(
                    "Root key rekeyed: " + keepers + " (root epoch " + r.rootEpoch() + when + ").",
                    "",
                    "  Recovery shards exported before this rekey NO LONGER WORK: they rebuild the old root",
                    "  key, which no longer opens the store. Export new ones now with 'spike operator recover'",
                    "  (Pilot recover role), store them safely, and destroy the old ones.");
        }
        return List.of(
                "Rekey under way: " + keepers + " (root epoch " + r.rootEpoch() + when + ").",
                "",
                "  Nexus completes the rekey by itself once every keeper holds its new shard, and says so",
                "  in its log. Until then the recovery shards exported before it still work; once it is",
                "  complete they no longer do, and new ones must be exported with 'spike operator recover'.");
    }
}
