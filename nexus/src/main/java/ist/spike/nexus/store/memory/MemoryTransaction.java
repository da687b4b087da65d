package ist.spike.nexus.store.memory;

import ist.spike.nexus.store.records.RecordKey;
import ist.spike.nexus.store.records.RecordKey.Kind;
import ist.spike.nexus.store.records.RecordWriter;
import ist.spike.nexus.store.records.Sealed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link RecordWriter} over the maps of {@link MemoryStore}; every change records its undo step. */
final class MemoryTransaction implements RecordWriter {
    /** Storage order: by kind, then name, then version (a policy's version is its revision). */
    static final Comparator<RecordKey> ORDER = Comparator.comparing(RecordKey::kind)
            .thenComparing(RecordKey::name).thenComparingInt(RecordKey::version);

    private final TreeMap<Integer, byte[]> keyrings;
    private final TreeMap<RecordKey, Sealed> records;
    private final UndoLog undo; // null for reads

    MemoryTransaction(TreeMap<Integer, byte[]> keyrings, TreeMap<RecordKey, Sealed> records, UndoLog undo) {
        this.keyrings = keyrings;
        this.records = records;
        this.undo = undo;
    }

    @Override
    public Map<Integer, byte[]> keyrings() {
        return new TreeMap<>(keyrings);
    }

    @Override
    public Optional<Stored> get(RecordKey key) {
        RecordKey found = key.kind() == Kind.POLICY ? policyKey(key.name()) : records.containsKey(key) ? key : null;
        return found == null ? Optional.empty() : Optional.of(new Stored(found, records.get(found)));
    }

    @Override
    public Optional<IndexedSecret> secretIndex(String path) {
        Sealed index = records.get(new RecordKey(Kind.SECRET_INDEX, path, 0));
        if (index == null) {
            return Optional.empty();
        }
        RecordKey highest = records.floorKey(new RecordKey(Kind.SECRET_VALUES, path, Integer.MAX_VALUE));
        boolean mine = highest != null && highest.kind() == Kind.SECRET_VALUES && highest.name().equals(path);
        return Optional.of(new IndexedSecret(index, mine ? new Stored(highest, records.get(highest)) : null));
    }

    @Override
    public List<String> secretPaths() {
        return names(Kind.SECRET_INDEX);
    }

    @Override
    public List<String> policyNames() {
        return names(Kind.POLICY);
    }

    @Override
    public List<Stored> scan(RecordKey after, int limit) {
        var tail = after == null ? records : records.tailMap(after, false);
        List<Stored> out = new ArrayList<>();
        for (var e : tail.entrySet()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(new Stored(e.getKey(), e.getValue()));
        }
        return out;
    }

    @Override
    public void putKeyring(int rootEpoch, byte[] sealed) {
        byte[] previous = keyrings.put(rootEpoch, sealed.clone());
        undo().record(() -> restore(keyrings, rootEpoch, previous));
    }

    @Override
    public void deleteKeyring(int rootEpoch) {
        byte[] previous = keyrings.remove(rootEpoch);
        undo().record(() -> restore(keyrings, rootEpoch, previous));
    }

    @Override
    public void put(RecordKey key, Sealed sealed) {
        if (key.kind() == Kind.POLICY) {
            delete(key);
        }
        Sealed previous = records.put(key, new Sealed(sealed.generation(), sealed.bytes().clone()));
        undo().record(() -> restore(records, key, previous));
    }

    @Override
    public boolean delete(RecordKey key) {
        RecordKey found = key.kind() == Kind.POLICY ? policyKey(key.name()) : key;
        Sealed previous = found == null ? null : records.remove(found);
        if (previous == null) {
            return false;
        }
        undo().record(() -> records.put(found, previous));
        return true;
    }

    private RecordKey policyKey(String name) {
        RecordKey k = records.ceilingKey(new RecordKey(Kind.POLICY, name, Integer.MIN_VALUE));
        return k != null && k.kind() == Kind.POLICY && k.name().equals(name) ? k : null;
    }

    private List<String> names(Kind kind) {
        List<String> out = new ArrayList<>();
        for (RecordKey k : records.subMap(new RecordKey(kind, "", Integer.MIN_VALUE), true,
                new RecordKey(kind, "\uffff\uffff", Integer.MAX_VALUE), true).keySet()) {
            out.add(k.name());
        }
        return out;
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
