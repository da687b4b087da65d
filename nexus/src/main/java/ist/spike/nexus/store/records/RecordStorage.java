package ist.spike.nexus.store.records;

/**
 * Where a {@link RecordStore} lives before it is opened. {@link #probe} looks without a key and changes
 * nothing, so a wrong key is refused before anything is written; {@link #open} migrates and serves.
 */
public interface RecordStorage {
    StoreContents probe();

    RecordStore open();
}
