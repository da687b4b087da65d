package ist.spike.nexus.store.records;

import java.time.Instant;
import java.util.List;

/**
 * A store from the release before keyrings (schema 1): its key check and its plaintext bookkeeping, read
 * once to seal it, then dropped. Its sealed secret values and policies are already sealed records (of the
 * legacy generation 1, which was the root key).
 */
public interface LegacyRecords {
    /** The key-check record, sealed directly under the old root key. */
    byte[] keyCheck();

    List<LegacySecret> secrets();

    /** Drops the legacy tables; the caller has sealed everything they held. */
    void finish();

    /** One secret's plaintext bookkeeping as schema 1 kept it. */
    record LegacySecret(String path, int currentVersion, int oldestVersion, Instant createdTime,
            Instant updatedTime, int maxVersions, List<LegacyVersion> versions) {}

    /** One version's times. */
    record LegacyVersion(int version, Instant createdTime, Instant deletedTime) {}
}
