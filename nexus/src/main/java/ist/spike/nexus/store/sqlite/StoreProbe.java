package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What a database file holds, read without the root key and without changing the file: the schema
 * version and the key-check rows. Used to refuse a wrong key or a future schema before the writer
 * connection (which would switch on WAL and migrate) ever opens the file.
 */
record StoreProbe(int schemaVersion, List<KeyCheck.Row> keyChecks) {

    static StoreProbe of(DataDirectory dir) {
        if (!dir.databaseExists()) {
            return new StoreProbe(0, List.of());
        }
        try (Connection c = SqliteConnections.openProbe(dir)) {
            return new StoreProbe(SchemaMigrator.currentVersion(c), KeyCheck.load(c));
        } catch (SQLException e) {
            throw new StoreException("cannot read " + dir.database() + ": " + e.getMessage(), e);
        }
    }

    /** True once a root key has been bound to the database. */
    boolean initialised() {
        return !keyChecks.isEmpty();
    }
}
