package ist.spike.nexus.testing;

import ist.spike.nexus.testing.TestStores;
import ist.spike.common.crypto.SecretBytes;
import ist.spike.nexus.config.KeyRotationSettings;
import ist.spike.nexus.store.memory.MemoryStore;
import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.store.sqlite.SqliteStore;
import ist.spike.nexus.store.sqlite.SqliteStoreOptions;
import java.nio.file.Path;
import java.time.Clock;

/** Sealed stores as Nexus opens them: the sealing layer over SQLite files or memory. */
public final class TestStores {
    private TestStores() {}

    public static SealedBackend sqlite(SqliteStoreOptions options, SecretBytes rootKey) {
        return SealedBackend.open(SqliteStore.storage(options), rootKey, Clock.systemUTC(),
                KeyRotationSettings.NIST_LIMIT_WITH_MARGIN);
    }

    public static SealedBackend sqlite(Path dataDirectory, SecretBytes rootKey) {
        return sqlite(SqliteStoreOptions.defaults(dataDirectory), rootKey);
    }

    public static SealedBackend memory() {
        return SealedBackend.open(MemoryStore.storage(), TestKeys.fixed(99), Clock.systemUTC(),
                KeyRotationSettings.NIST_LIMIT_WITH_MARGIN);
    }

    /** Whether the store in {@code dataDirectory} is bound to a key or holds records (needs no key, writes nothing). */
    public static boolean isInitialised(Path dataDirectory) {
        return SealedBackend.isInitialised(SqliteStore.storage(SqliteStoreOptions.defaults(dataDirectory)));
    }

    /** The SQLite storage under a sealed backend (for its writer statistics and backups). */
    public static SqliteStore sqliteOf(SealedBackend backend) {
        return (SqliteStore) backend.records();
    }
}
