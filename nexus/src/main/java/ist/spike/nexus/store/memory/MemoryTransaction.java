package ist.spike.nexus.store.memory;

import ist.spike.nexus.store.SecretMetadataRecord;
import ist.spike.nexus.store.SecretVersionRecord;
import ist.spike.nexus.store.StoreException;
import ist.spike.nexus.store.WriteTransaction;
import ist.spike.nexus.store.memory.MemoryState.StoredVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@link WriteTransaction} over {@link MemoryState}; every change records its undo step. */
final class MemoryTransaction implements WriteTransaction {
    private final MemoryState state;
    private final UndoLog undo; // null for reads

    MemoryTransaction(MemoryState state, UndoLog undo) {
        this.state = state;
        this.undo = undo;
    }

    @Override
    public Optional<SecretMetadataRecord> secretMetadata(String path) {
        return Optional.ofNullable(state.metadata.get(path));
    }

    @Override
    public List<SecretVersionRecord> secretVersions(String path) {
        TreeMap<Integer, StoredVersion> versions = state.versions.get(path);
        if (versions == null) {
            return List.of();
        }
        List<SecretVersionRecord> out = new ArrayList<>(versions.size());
        versions.values().forEach(v -> out.add(v.record()));
        return out;
    }

    @Override
    public Optional<SecretVersionRecord> secretVersion(String path, int version) {
        return stored(path, version).map(StoredVersion::record);
    }

    @Override
    public Optional<Map<String, String>> secretValues(String path, int version) {
        return stored(path, version).map(StoredVersion::values);
    }

    @Override
    public List<String> secretPaths() {
        return new ArrayList<>(state.metadata.keySet());
    }

    @Override
    public Optional<byte[]> policy(String name) {
        return Optional.ofNullable(state.policies.get(name)).map(byte[]::clone);
    }

    @Override
    public List<String> policyNames() {
        return new ArrayList<>(state.policies.keySet());
    }

    @Override
    public SortedMap<String, byte[]> policies() {
        SortedMap<String, byte[]> out = new TreeMap<>();
        state.policies.forEach((name, doc) -> out.put(name, doc.clone()));
        return out;
    }

    @Override
    public void putSecretMetadata(String path, SecretMetadataRecord metadata) {
        UndoLog undoLog = undo();
        SecretMetadataRecord previous = state.metadata.put(path, metadata);
        undoLog.record(() -> restore(state.metadata, path, previous));
        if (!state.versions.containsKey(path)) {
            state.versions.put(path, new TreeMap<>());
            undoLog.record(() -> state.versions.remove(path));
        }
    }

    @Override
    public void insertSecretVersion(String path, int version, Map<String, String> values, Instant createdTime) {
        UndoLog undoLog = undo();
        TreeMap<Integer, StoredVersion> versions = state.versions.get(path);
        if (versions == null) {
            throw new StoreException("no metadata for the secret; write it first");
        }
        if (versions.containsKey(version)) {
            throw new StoreException("version " + version + " already exists");
        }
        SortedMap<String, String> copy = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        versions.put(version, new StoredVersion(new SecretVersionRecord(version, createdTime, null), copy));
        undoLog.record(() -> versions.remove(version));
    }

    @Override
    public void setSecretVersionDeletedTime(String path, int version, Instant deletedTime) {
        UndoLog undoLog = undo();
        TreeMap<Integer, StoredVersion> versions = state.versions.get(path);
        StoredVersion old = versions == null ? null : versions.get(version);
        if (old == null) {
            return;
        }
        SecretVersionRecord r = old.record();
        versions.put(version, new StoredVersion(new SecretVersionRecord(version, r.createdTime(), deletedTime),
                old.values()));
        undoLog.record(() -> versions.put(version, old));
    }

    @Override
    public void removeSecretVersions(String path, Collection<Integer> numbers) {
        UndoLog undoLog = undo();
        TreeMap<Integer, StoredVersion> versions = state.versions.get(path);
        if (versions == null) {
            return;
        }
        for (int version : numbers) {
            StoredVersion old = versions.remove(version);
            if (old != null) {
                undoLog.record(() -> versions.put(version, old));
            }
        }
    }

    @Override
    public void putPolicy(String name, byte[] document) {
        UndoLog undoLog = undo();
        byte[] previous = state.policies.put(name, document.clone());
        undoLog.record(() -> restore(state.policies, name, previous));
    }

    @Override
    public boolean deletePolicy(String name) {
        UndoLog undoLog = undo();
        byte[] previous = state.policies.remove(name);
        if (previous == null) {
            return false;
        }
        undoLog.record(() -> state.policies.put(name, previous));
        return true;
    }

    private Optional<StoredVersion> stored(String path, int version) {
        TreeMap<Integer, StoredVersion> versions = state.versions.get(path);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    private UndoLog undo() {
        if (undo == null) {
            throw new IllegalStateException("read-only transaction");
        }
        return undo;
    }

    private static <K, V> void restore(Map<K, V> map, K key, V previous) {
        if (previous == null) {
            map.remove(key);
        } else {
            map.put(key, previous);
        }
    }

    @Override
    public String toString() {
        return "MemoryTransaction";
    }
}
