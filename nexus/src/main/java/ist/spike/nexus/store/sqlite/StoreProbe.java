package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.StoreException;
import ist.spike.nexus.store.records.StoreContents;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a database file holds, read without the root key and without changing the file: its schema
 * version (a newer one is refused), its shape (anything this release did not create is refused), the
 * keyring copies or schema 1's key check, and whether it holds any record.
 */
record StoreProbe(int schemaVersion, StoreContents contents) {

    static StoreProbe of(DataDirectory dir) {
        if (!dir.databaseExists()) {
            return new StoreProbe(0, StoreContents.empty());
        }
        try (Connection c = SqliteConnections.openProbe(dir)) {
            int version = SchemaMigrator.currentVersion(c);
            SchemaMigrator.requireKnown(version, Migrations.ALL);
            SchemaShape.require(c, version, dir.database().toString());
            return new StoreProbe(version, contents(c, version));
        } catch (SQLException e) {
            throw new StoreException("cannot read " + dir.database() + ": " + e.getMessage(), e);
        }
    }

    private static StoreContents contents(Connection c, int version) throws SQLException {
        if (version == 0) {
            return StoreContents.empty();
        }
        if (version < Migrations.latest() && tableExists(c, "key_check")) {
            byte[] keyCheck = firstBlob(c, "SELECT sealed_value FROM key_check ORDER BY key_gen LIMIT 1");
            boolean records = firstBlob(c, "SELECT 1 FROM secret_metadata UNION ALL SELECT 1 FROM policies "
                    + "LIMIT 1") != null;
            return new StoreContents(Map.of(), keyCheck, records || keyCheck != null);
        }
        Map<Integer, byte[]> keyrings = new TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT root_epoch, sealed_keyring FROM keyring")) {
            while (rs.next()) {
                keyrings.put(rs.getInt(1), rs.getBytes(2));
            }
        }
        boolean records = firstBlob(c, "SELECT 1 FROM secret_index UNION ALL SELECT 1 FROM secret_values "
                + "UNION ALL SELECT 1 FROM policy_documents UNION ALL SELECT 1 FROM sealed_state LIMIT 1") != null;
        return new StoreContents(keyrings, null, records);
    }

    static boolean tableExists(Connection c, String name) throws SQLException {
        try (var p = c.prepareStatement("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    private static byte[] firstBlob(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getBytes(1) : null;
        }
    }
}
