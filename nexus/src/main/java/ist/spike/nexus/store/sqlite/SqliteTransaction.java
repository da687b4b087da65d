package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.StoreException;
import ist.spike.nexus.store.records.LegacyRecords;
import ist.spike.nexus.store.records.RecordKey;
import ist.spike.nexus.store.records.RecordKey.Kind;
import ist.spike.nexus.store.records.RecordWriter;
import ist.spike.nexus.store.records.Sealed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sealed records over one connection: SQL in, opaque records out. Transaction boundaries belong to the
 * caller ({@link GroupCommitWriter}, {@link ReaderPool}). Used by one thread at a time; prepared
 * statements are cached per connection.
 */
final class SqliteTransaction implements RecordWriter {
    /**
     * Each kind's table, in the order a scan walks them: the column of the record's name, the column of its
     * version ("0" where there is none) and the sealed column. Only secret values are keyed by name and
     * version; a policy's revision is stored beside its name.
     */
    private record Table(Kind kind, String name, String nameColumn, String versionColumn, String sealedColumn) {
        boolean keyedByVersion() {
            return kind == Kind.SECRET_VALUES;
        }
    }

    private static final List<Table> TABLES = List.of(
            new Table(Kind.SECRET_INDEX, "secret_index", "path", "0", "sealed_index"),
            new Table(Kind.SECRET_VALUES, "secret_values", "path", "version", "sealed_values"),
            new Table(Kind.POLICY, "policy_documents", "name", "revision", "sealed_document"),
            new Table(Kind.STATE, "sealed_state", "name", "0", "sealed_value"));

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private LegacyRecords legacy;

    SqliteTransaction(Connection connection) {
        this.connection = connection;
    }

    /** Marks this writer's database as mid-upgrade from schema 1 (the store's open does, under its lock). */
    void exposeLegacy(LegacyRecords records) {
        this.legacy = records;
    }

    @Override
    public LegacyRecords legacy() {
        return legacy;
    }

    @Override
    public Map<Integer, byte[]> keyrings() {
        try {
            PreparedStatement p = statement("SELECT root_epoch, sealed_keyring FROM keyring ORDER BY root_epoch");
            Map<Integer, byte[]> out = new TreeMap<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getBytes(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the keyring", e);
        }
    }

    @Override
    public Optional<Stored> get(RecordKey key) {
        Table t = table(key.kind());
        try {
            PreparedStatement p = switch (key.kind()) {
                case SECRET_VALUES -> statement(
                        "SELECT version, key_gen, sealed_values FROM secret_values WHERE path = ? AND version = ?");
                case POLICY -> statement(
                        "SELECT revision, key_gen, sealed_document FROM policy_documents WHERE name = ?");
                default -> statement("SELECT 0, key_gen, " + t.sealedColumn() + " FROM " + t.name() + " WHERE "
                        + t.nameColumn() + " = ?");
            };
            p.setString(1, key.name());
            if (key.kind() == Kind.SECRET_VALUES) {
                p.setInt(2, key.version());
            }
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(new RecordKey(key.kind(), key.name(), rs.getInt(1)),
                        new Sealed(rs.getInt(2), rs.getBytes(3))));
            }
        } catch (SQLException e) {
            throw failure("read a " + t.name() + " record", e);
        }
    }

    /** One query: the index and the highest stored version beside it (a rolled-back index shows there). */
    @Override
    public Optional<IndexedSecret> secretIndex(String path) {
        try {
            PreparedStatement p = statement("""
                    SELECT i.key_gen, i.sealed_index, v.version, v.key_gen, v.sealed_values
                    FROM secret_index i LEFT JOIN secret_values v ON v.path = i.path
                        AND v.version = (SELECT max(version) FROM secret_values WHERE path = i.path)
                    WHERE i.path = ?""");
            p.setString(1, path);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Sealed index = new Sealed(rs.getInt(1), rs.getBytes(2));
                byte[] values = rs.getBytes(5);
                return Optional.of(new IndexedSecret(index, values == null ? null : new Stored(
                        new RecordKey(Kind.SECRET_VALUES, path, rs.getInt(3)), new Sealed(rs.getInt(4), values))));
            }
        } catch (SQLException e) {
            throw failure("read a secret index", e);
        }
    }

    @Override
    public List<String> secretPaths() {
        return strings("SELECT path FROM secret_index", "list secret paths");
    }

    @Override
    public List<String> policyNames() {
        return strings("SELECT name FROM policy_documents ORDER BY name", "list policy names");
    }

    @Override
    public List<Stored> scan(RecordKey after, int limit) {
        List<Stored> out = new ArrayList<>();
        int first = after == null ? 0 : TABLES.indexOf(table(after.kind()));
        for (int i = first; i < TABLES.size() && out.size() < limit; i++) {
            Table t = TABLES.get(i);
            RecordKey from = i == first ? after : null;
            scanTable(t, from, limit - out.size(), out);
        }
        return out;
    }

    private void scanTable(Table t, RecordKey after, int limit, List<Stored> out) {
        String order = t.keyedByVersion() ? t.nameColumn() + ", " + t.versionColumn() : t.nameColumn();
        String where = after == null ? ""
                : t.keyedByVersion() ? " WHERE (" + order + ") > (?, ?)" : " WHERE " + order + " > ?";
        String sql = "SELECT " + t.nameColumn() + ", " + t.versionColumn() + ", key_gen, " + t.sealedColumn()
                + " FROM " + t.name() + where + " ORDER BY " + order + " LIMIT ?";
        try {
            PreparedStatement p = statement(sql);
            int n = 1;
            if (after != null) {
                p.setString(n++, after.name());
                if (t.keyedByVersion()) {
                    p.setInt(n++, after.version());
                }
            }
            p.setInt(n, limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Stored(new RecordKey(t.kind(), rs.getString(1), rs.getInt(2)),
                            new Sealed(rs.getInt(3), rs.getBytes(4))));
                }
            }
        } catch (SQLException e) {
            throw failure("scan " + t.name(), e);
        }
    }

    @Override
    public void putKeyring(int rootEpoch, byte[] sealed) {
        update("INSERT INTO keyring (root_epoch, sealed_keyring) VALUES (?, ?) "
                + "ON CONFLICT (root_epoch) DO UPDATE SET sealed_keyring = excluded.sealed_keyring",
                "write the keyring", rootEpoch, sealed);
    }

    @Override
    public void deleteKeyring(int rootEpoch) {
        update("DELETE FROM keyring WHERE root_epoch = ?", "delete a keyring copy", rootEpoch);
    }

    @Override
    public void put(RecordKey key, Sealed sealed) {
        switch (key.kind()) {
            case SECRET_VALUES -> update("""
                    INSERT INTO secret_values (path, version, key_gen, sealed_values) VALUES (?, ?, ?, ?)
                    ON CONFLICT (path, version) DO UPDATE SET
                        key_gen = excluded.key_gen, sealed_values = excluded.sealed_values""",
                    "write secret values", key.name(), key.version(), sealed.generation(), sealed.bytes());
            case POLICY -> update("""
                    INSERT INTO policy_documents (name, revision, key_gen, sealed_document) VALUES (?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET revision = excluded.revision,
                        key_gen = excluded.key_gen, sealed_document = excluded.sealed_document""",
                    "write a policy", key.name(), key.version(), sealed.generation(), sealed.bytes());
            default -> {
                Table t = table(key.kind());
                update("INSERT INTO " + t.name() + " (" + t.nameColumn() + ", key_gen, " + t.sealedColumn()
                        + ") VALUES (?, ?, ?) ON CONFLICT (" + t.nameColumn() + ") DO UPDATE SET key_gen = "
                        + "excluded.key_gen, " + t.sealedColumn() + " = excluded." + t.sealedColumn(),
                        "write a " + t.name() + " record", key.name(), sealed.generation(), sealed.bytes());
            }
        }
    }

    @Override
    public boolean delete(RecordKey key) {
        Table t = table(key.kind());
        if (key.kind() == Kind.SECRET_VALUES) {
            return update("DELETE FROM secret_values WHERE path = ? AND version = ?", "delete secret values",
                    key.name(), key.version()) > 0;
        }
        return update("DELETE FROM " + t.name() + " WHERE " + t.nameColumn() + " = ?", "delete a " + t.name()
                + " record", key.name()) > 0;
    }

    /** Closes the cached statements (not the connection). */
    void closeStatements() {
        for (PreparedStatement p : statements.values()) {
            try {
                p.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        statements.clear();
    }

    PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement p = statements.get(sql);
        if (p == null) {
            p = connection.prepareStatement(sql);
            statements.put(sql, p);
        }
        return p;
    }

    private int update(String sql, String what, Object... args) {
        try {
            PreparedStatement p = statement(sql);
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            return p.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private List<String> strings(String sql, String what) {
        try {
            PreparedStatement p = statement(sql);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static Table table(Kind kind) {
        return TABLES.stream().filter(t -> t.kind() == kind).findFirst().orElseThrow();
    }

    static StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "SqliteTransaction";
    }
}
