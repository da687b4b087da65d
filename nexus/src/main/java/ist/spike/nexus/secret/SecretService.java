package ist.spike.nexus.secret;

import ist.spike.nexus.store.Backend;
import ist.spike.nexus.store.ReadTransaction;
import ist.spike.nexus.store.SecretMetadataRecord;
import ist.spike.nexus.store.SecretVersionRecord;
import ist.spike.nexus.store.WriteTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Versioned secrets with upstream SPIKE's semantics (docs/api.md), minus its bugs: pruned versions
 * are really deleted, and metadata lists every version under its own number.
 *
 * <p>Every change is one {@link Backend#write} operation, so the read-modify-write of a put, delete or
 * undelete is atomic: concurrent puts to one path get distinct versions. Inputs are assumed validated
 * (path and key syntax) by the HTTP layer.
 *
 * <p>Two invariants hold after every operation: {@code currentVersion} is the highest live version and
 * {@code oldestVersion} the lowest live version (0 when none is live).
 */
public final class SecretService {
    private final Backend backend;
    private final Clock clock;
    private final int maxVersions;

    /**
     * @param maxVersions versions kept per secret ({@code SPIKE_NEXUS_MAX_SECRET_VERSIONS}, upstream
     *                    default 10); captured by each secret when it is created
     */
    public SecretService(Backend backend, Clock clock, int maxVersions) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxVersions < 1) {
            throw new IllegalArgumentException("maxVersions must be at least 1");
        }
        this.maxVersions = maxVersions;
    }

    /**
     * Stores {@code values} as a new version of the secret at {@code path}, creating the path at
     * version 1. When more than the secret's {@code maxVersions} versions would be stored, the
     * lowest-numbered are removed for good.
     *
     * @return the new version's number
     */
    public int put(String path, Map<String, String> values) {
        Objects.requireNonNull(path, "path");
        Map<String, String> copy = Map.copyOf(values);
        return backend.write(tx -> {
            Instant now = clock.instant();
            var existing = tx.secretMetadata(path);
            if (existing.isEmpty()) {
                tx.putSecretMetadata(path, new SecretMetadataRecord(1, 1, now, now, maxVersions));
                tx.insertSecretVersion(path, 1, copy, now);
                return 1;
            }
            SecretMetadataRecord meta = existing.get();
            TreeMap<Integer, SecretVersionRecord> versions = byNumber(tx.secretVersions(path));
            int version = VersionRules.nextVersion(meta.currentVersion(), versions);
            tx.insertSecretVersion(path, version, copy, now);
            versions.put(version, new SecretVersionRecord(version, now, null));

            List<Integer> pruned = VersionRules.versionsToPrune(versions, meta.maxVersions());
            tx.removeSecretVersions(path, pruned);
            pruned.forEach(versions::remove);

            tx.putSecretMetadata(path, new SecretMetadataRecord(version, VersionRules.lowestLive(versions),
                    meta.createdTime(), now, meta.maxVersions()));
            return version;
        });
    }

    /**
     * The values of one version; {@code version} 0 means the current one.
     *
     * @throws SecretNotFoundException if the path is missing, the version is missing or deleted, or every
     *                                 version is deleted
     */
    public Map<String, String> get(String path, int version) {
        return backend.read(tx -> {
            Optional<Map<String, String>> live = tx.liveSecretValues(path, version); // one lookup when found
            if (live.isPresent()) {
                return live.get();
            }
            // Not found: the step-by-step lookups tell what is missing.
            SecretMetadataRecord meta = metadataOf(tx, path);
            int wanted = requireLive(tx, path, meta, version);
            return tx.secretValues(path, wanted).orElseThrow(() -> SecretNotFoundException.version(path, version));
        });
    }

    /**
     * Soft-deletes versions. An empty list, or 0 in the list, means the current version; numbers that do
     * not exist are ignored; deleting an already deleted version keeps its first deletion time. If the
     * current version goes, the highest remaining live version becomes current (0 if none).
     *
     * @throws SecretNotFoundException if the path does not exist
     */
    public void delete(String path, List<Integer> versions) {
        Objects.requireNonNull(versions, "versions");
        backend.write(tx -> {
            SecretMetadataRecord meta = metadataOf(tx, path);
            Set<Integer> targets = new LinkedHashSet<>();
            if (versions.isEmpty()) {
                targets.add(meta.currentVersion());
            }
            for (int v : versions) {
                targets.add(v == 0 ? meta.currentVersion() : v);
            }
            TreeMap<Integer, SecretVersionRecord> stored = byNumber(tx.secretVersions(path));
            Instant now = clock.instant();
            boolean changed = false;
            for (int v : targets) {
                SecretVersionRecord r = stored.get(v);
                if (r != null && !r.isDeleted()) {
                    tx.setSecretVersionDeletedTime(path, v, now);
                    stored.put(v, new SecretVersionRecord(v, r.createdTime(), now));
                    changed = true;
                }
            }
            if (changed) {
                int current = meta.currentVersion();
                SecretVersionRecord currentRecord = stored.get(current);
                if (currentRecord == null || currentRecord.isDeleted()) {
                    current = VersionRules.highestLive(stored);
                }
                // Upstream refreshes updatedTime only when the current version goes; any effective
                // change counts here, which is what "last updated" suggests to an operator.
                writeMetadata(tx, path, meta, current, stored, now);
            }
            return null;
        });
    }

    /**
     * Brings soft-deleted versions back. An empty list means the current version, or the highest
     * deleted one if every version is deleted. A higher version coming back becomes current.
     *
     * <p>Where upstream is ambiguous: it skips 0 in the list when every version is deleted, so the CLI's
     * default ({@code -v 0}) could never undelete anything there. Here 0 means the same as the empty
     * list: the current version, or the highest deleted one if every version is deleted.
     *
     * <p>Note, as upstream: the current version is never deleted, so undeleting "the current version"
     * while one is live changes nothing and reports not found.
     *
     * @throws SecretNotFoundException if the path does not exist or nothing was undeleted
     */
    public void undelete(String path, List<Integer> versions) {
        Objects.requireNonNull(versions, "versions");
        backend.write(tx -> {
            SecretMetadataRecord meta = metadataOf(tx, path);
            TreeMap<Integer, SecretVersionRecord> stored = byNumber(tx.secretVersions(path));
            // Upstream reads "no version" as the current one, which is never deleted while anything is live, so
            // `spike secret undelete <path>` would only ever fail then. Operators mean "bring back what was deleted
            // last": the highest deleted version (which is upstream's answer too once everything is deleted).
            int implicit = VersionRules.highestDeleted(stored);
            Set<Integer> targets = new LinkedHashSet<>();
            if (versions.isEmpty()) {
                targets.add(implicit);
            }
            for (int v : versions) {
                targets.add(v == 0 ? implicit : v);
            }
            Instant now = clock.instant();
            int highestRestored = 0;
            for (int v : targets) {
                SecretVersionRecord r = stored.get(v);
                if (r != null && r.isDeleted()) {
                    tx.setSecretVersionDeletedTime(path, v, null);
                    stored.put(v, new SecretVersionRecord(v, r.createdTime(), null));
                    highestRestored = Math.max(highestRestored, v);
                }
            }
            if (highestRestored == 0) {
                throw new SecretNotFoundException("nothing to undelete at path '" + path + "'");
            }
            int current = Math.max(meta.currentVersion(), highestRestored);
            writeMetadata(tx, path, meta, current, stored, now);
            return null;
        });
    }

    /** Every secret path, including fully deleted ones, sorted lexicographically. */
    public List<String> list() {
        List<String> paths = new ArrayList<>(backend.read(ReadTransaction::secretPaths));
        paths.sort(PathOrder.CODE_POINT);
        return paths;
    }

    /**
     * The whole history of a secret. The requested version ({@code 0} = current) must exist and be live.
     *
     * @throws SecretNotFoundException if the path is missing or the requested version is missing or deleted
     */
    public SecretMetadata metadata(String path, int version) {
        return backend.read(tx -> {
            SecretMetadataRecord meta = metadataOf(tx, path);
            requireLive(tx, path, meta, version);
            List<SecretVersionInfo> history = new ArrayList<>();
            for (SecretVersionRecord r : tx.secretVersions(path)) {
                history.add(new SecretVersionInfo(r.version(), r.createdTime(), r.deletedTime()));
            }
            return new SecretMetadata(history, meta.currentVersion(), meta.oldestVersion(), meta.createdTime(),
                    meta.updatedTime(), meta.maxVersions());
        });
    }

    private static SecretMetadataRecord metadataOf(ReadTransaction tx, String path) {
        return tx.secretMetadata(path).orElseThrow(() -> SecretNotFoundException.path(path));
    }

    /** Resolves 0 to the current version and checks the version exists and is live; returns its number. */
    private static int requireLive(ReadTransaction tx, String path, SecretMetadataRecord meta, int version) {
        int wanted = version == 0 ? meta.currentVersion() : version;
        if (wanted <= 0) {
            throw SecretNotFoundException.version(path, version);
        }
        SecretVersionRecord r = tx.secretVersion(path, wanted)
                .orElseThrow(() -> SecretNotFoundException.version(path, wanted));
        if (r.isDeleted()) {
            throw SecretNotFoundException.version(path, wanted);
        }
        return wanted;
    }

    private static void writeMetadata(WriteTransaction tx, String path, SecretMetadataRecord meta, int current,
            TreeMap<Integer, SecretVersionRecord> stored, Instant now) {
        tx.putSecretMetadata(path, new SecretMetadataRecord(current, VersionRules.lowestLive(stored),
                meta.createdTime(), now, meta.maxVersions()));
    }

    private static TreeMap<Integer, SecretVersionRecord> byNumber(List<SecretVersionRecord> records) {
        TreeMap<Integer, SecretVersionRecord> out = new TreeMap<>();
        records.forEach(r -> out.put(r.version(), r));
        return out;
    }

    @Override
    public String toString() {
        return "SecretService[maxVersions=" + maxVersions + "]";
    }
}
