package ist.spike.nexus.store.memory;

import ist.spike.nexus.store.SecretMetadataRecord;
import ist.spike.nexus.store.SecretVersionRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The maps behind {@link MemoryStore}; guarded by its lock. */
final class MemoryState {
    /** One stored version: its bookkeeping and an immutable copy of its values. */
    record StoredVersion(SecretVersionRecord record, Map<String, String> values) {}

    final Map<String, SecretMetadataRecord> metadata = new HashMap<>();
    final Map<String, TreeMap<Integer, StoredVersion>> versions = new HashMap<>();
    final TreeMap<String, byte[]> policies = new TreeMap<>();

    void clear() {
        metadata.clear();
        versions.clear();
        policies.clear();
    }
}
