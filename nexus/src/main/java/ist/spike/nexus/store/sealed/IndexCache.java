package ist.spike.nexus.store.sealed;

import ist.spike.nexus.store.records.Sealed;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opened secret indexes, by path, each with the exact sealed bytes it was opened from. A read whose
 * stored bytes are identical gets the index without opening it again (those bytes authenticated to this
 * content once; any change to them, a rotation's included, misses). Holds bookkeeping only, never values.
 * Bounded: when full it starts over.
 */
final class IndexCache {
    private static final int MAX_ENTRIES = 16_384;

    private record Entry(int generation, byte[] sealed, SecretIndex index) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** The index opened from exactly {@code sealed}, as a copy the caller may change, or null. */
    SecretIndex get(String path, Sealed sealed) {
        Entry e = entries.get(path);
        if (e == null || e.generation() != sealed.generation() || !Arrays.equals(e.sealed(), sealed.bytes())) {
            return null;
        }
        return copy(e.index());
    }

    void put(String path, Sealed sealed, SecretIndex opened) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(path, new Entry(sealed.generation(), sealed.bytes().clone(), copy(opened)));
    }

    private static SecretIndex copy(SecretIndex index) {
        TreeMap<Integer, ist.spike.nexus.store.SecretVersionRecord> versions = new TreeMap<>();
        index.versions().forEach(v -> versions.put(v.version(), v));
        return new SecretIndex(index.metadata(), versions);
    }
}
