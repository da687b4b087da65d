package ist.spike.nexus.secret;

import ist.spike.nexus.store.SecretVersionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * Upstream SPIKE's version arithmetic (docs/api.md), as pure functions over a secret's versions
 * keyed by number. Kept apart from storage so the rules read in one place.
 */
final class VersionRules {
    private VersionRules() {}

    /**
     * The number a put gives its new version: {@code current + 1}, or {@code max(existing) + 1} when
     * current is 0 (everything deleted), as upstream does.
     *
     * <p>Where upstream is ambiguous: when soft-deleted versions sit above the current one (say 3 was
     * deleted, so current is 2), upstream's {@code current + 1} lands on the deleted version 3 and
     * silently overwrites it, destroying a version the operator could still undelete. We never reuse a
     * stored number: the new version goes above every stored one (4 here). In every other case this is
     * exactly {@code current + 1}, because versions above current exist only when they are deleted.
     */
    static int nextVersion(int currentVersion, NavigableMap<Integer, SecretVersionRecord> stored) {
        int highestStored = stored.isEmpty() ? 0 : stored.lastKey();
        return Math.max(currentVersion, highestStored) + 1;
    }

    /** The lowest-numbered versions to remove so that at most {@code maxVersions} stay stored (deleted ones count). */
    static List<Integer> versionsToPrune(NavigableMap<Integer, SecretVersionRecord> stored, int maxVersions) {
        List<Integer> prune = new ArrayList<>();
        int excess = stored.size() - maxVersions;
        for (int version : stored.keySet()) {
            if (prune.size() >= excess) {
                break;
            }
            prune.add(version);
        }
        return prune;
    }

    /** Highest version that is not deleted, 0 if none. */
    static int highestLive(NavigableMap<Integer, SecretVersionRecord> stored) {
        for (SecretVersionRecord v : stored.descendingMap().values()) {
            if (!v.isDeleted()) {
                return v.version();
            }
        }
        return 0;
    }

    /** Lowest version that is not deleted, 0 if none. */
    static int lowestLive(NavigableMap<Integer, SecretVersionRecord> stored) {
        for (SecretVersionRecord v : stored.values()) {
            if (!v.isDeleted()) {
                return v.version();
            }
        }
        return 0;
    }

    /** Highest version that is deleted, 0 if none. */
    static int highestDeleted(NavigableMap<Integer, SecretVersionRecord> stored) {
        for (SecretVersionRecord v : stored.descendingMap().values()) {
            if (v.isDeleted()) {
                return v.version();
            }
        }
        return 0;
    }
}
