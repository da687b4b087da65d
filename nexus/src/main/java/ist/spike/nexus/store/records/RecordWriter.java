package ist.spike.nexus.store.records;

/** The write side of dumb storage; reads see the transaction's own writes. */
public interface RecordWriter extends RecordReader {
    void putKeyring(int rootEpoch, byte[] sealed);

    void deleteKeyring(int rootEpoch);

    /** Creates or replaces the record. */
    void put(RecordKey key, Sealed sealed);

    /** Removes the record; false if there was none. */
    boolean delete(RecordKey key);

    /**
     * What a store written before keyrings existed left to import, or null. Implemented by backends that
     * had such a release (SQLite).
     */
    default LegacyRecords legacy() {
        return null;
    }
}
