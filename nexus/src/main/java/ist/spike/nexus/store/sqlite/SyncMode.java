package ist.spike.nexus.store.sqlite;

/** How hard SQLite works to make a commit survive a crash (its {@code synchronous} setting, in WAL mode). */
public enum SyncMode {
    /** fsync the WAL on every commit: an acknowledged write survives a power loss. The default. */
    FULL,
    /** fsync only at checkpoints: survives a process crash, but the last commits may be lost on power loss. */
    NORMAL
}
