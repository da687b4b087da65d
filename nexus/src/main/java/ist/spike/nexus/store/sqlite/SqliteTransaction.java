package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.SecretMetadataRecord;
import ist.spike.nexus.store.SecretVersionRecord;
import ist.spike.nexus.store.StoreException;
import ist.spike.nexus.store.StoreIntegrityException;
import ist.spike.nexus.store.WriteTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The store's rows over one connection: SQL in, records out, sealing and opening every secret field on
 * the way. Transaction boundaries belong to the caller ({@link GroupCommitWriter}, {@link ReaderPool}).
 * Used by one thread at a time; prepared statements are cached per connection.
 */
final class SqliteTransaction implements WriteTransaction {
    private final Connection connection;
    private final RowCipher cipher;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    SqliteTransaction(Connection connection, RowCipher cipher) {
        this.connection = connection;
        this.cipher = cipher;
    }

    // ---- secrets: reads ----

    @Override
    public Optional<SecretMetadataRecord> secretMetadata(String path) {
        try {
            PreparedStatement p = statement("SELECT current_version, oldest_version, created_time, updated_time, "
                    + "max_versions FROM secret_metadata WHERE path = ?");
            p.setString(1, path);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SecretMetadataRecord(rs.getInt(1), rs.getInt(2),
                        EpochNanos.toInstant(rs.getLong(3)), EpochNanos.toInstant(rs.getLong(4)), rs.getInt(5)));
            }
        } catch (SQLException e) {
            throw failure("read secret metadata", e);
        }
    }

    @Override
    public List<SecretVersionRecord> secretVersions(String path) {
        try {
            PreparedStatement p = statement(
                    "SELECT version, created_time, deleted_time FROM secret_versions WHERE path = ? ORDER BY version");
            p.setString(1, path);
            List<SecretVersionRecord> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(versionRecord(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read secret versions", e);
        }
    }

    @Override
    public Optional<SecretVersionRecord> secretVersion(String path, int version) {
        try {
            PreparedStatement p = statement(
                    "SELECT version, created_time, deleted_time FROM secret_versions WHERE path = ? AND version = ?");
            p.setString(1, path);
            p.setInt(2, version);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(versionRecord(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read secret version", e);
        }
    }

    @Override
    public Optional<Map<String, String>> secretValues(String path, int version) {
        int generation;
        byte[] sealed;
        try {
            PreparedStatement p = statement(
                    "SELECT key_gen, sealed_values FROM secret_versions WHERE path = ? AND version = ?");
            p.setString(1, path);
            p.setInt(2, version);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                generation = rs.getInt(1);
                sealed = rs.getBytes(2);
            }
        } catch (SQLException e) {
            throw failure("read secret values", e);
        }
        return Optional.of(openValues(path, version, generation, sealed));
    }

    /** One query instead of the default's three: every secret read runs this. */
    @Override
    public Optional<Map<String, String>> liveSecretValues(String path, int version) {
        int found;
        int generation;
        byte[] sealed;
        try {
            PreparedStatement p = statement("""
                    SELECT v.version, v.key_gen, v.sealed_values
                    FROM secret_metadata m JOIN secret_versions v
                        ON v.path = m.path AND v.version = CASE WHEN ?2 = 0 THEN m.current_version ELSE ?2 END
                    WHERE m.path = ?1 AND v.deleted_time IS NULL""");
            p.setString(1, path);
            p.setInt(2, version);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                found = rs.getInt(1);
                generation = rs.getInt(2);
                sealed = rs.getBytes(3);
            }
        } catch (SQLException e) {
            throw failure("read secret values", e);
        }
        return Optional.of(openValues(path, found, generation, sealed));
    }

    private Map<String, String> openValues(String path, int version, int generation, byte[] sealed) {
        RowPlace place = RowPlace.secretValues(path, version);
        byte[] plaintext = cipher.open(generation, sealed, place);
        try {
            return SecretValuesCodec.decode(plaintext);
        } catch (IllegalArgumentException e) {
            throw new StoreIntegrityException("record " + place.describe() + " is malformed");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @Override
    public List<String> secretPaths() {
        return strings("SELECT path FROM secret_metadata ORDER BY path", "list secret paths");
    }

    /** The first column of every row {@code sql} selects, in order. */
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

    // ---- secrets: writes ----

    @Override
    public void putSecretMetadata(String path, SecretMetadataRecord m) {
        try {
            PreparedStatement p = statement("""
                    INSERT INTO secret_metadata
                        (path, current_version, oldest_version, created_time, updated_time, max_versions)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (path) DO UPDATE SET
                        current_version = excluded.current_version,
                        oldest_version  = excluded.oldest_version,
                        created_time    = excluded.created_time,
                        updated_time    = excluded.updated_time,
                        max_versions    = excluded.max_versions""");
            p.setString(1, path);
            p.setInt(2, m.currentVersion());
            p.setInt(3, m.oldestVersion());
            p.setLong(4, EpochNanos.of(m.createdTime()));
            p.setLong(5, EpochNanos.of(m.updatedTime()));
            p.setInt(6, m.maxVersions());
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure("write secret metadata", e);
        }
    }

    @Override
    public void insertSecretVersion(String path, int version, Map<String, String> values, Instant createdTime) {
        byte[] plaintext = SecretValuesCodec.encode(values);
        byte[] sealed;
        try {
            sealed = cipher.seal(plaintext, RowPlace.secretValues(path, version));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        try {
            PreparedStatement p = statement("""
                    INSERT INTO secret_versions (path, version, key_gen, sealed_values, created_time, deleted_time)
                    VALUES (?, ?, ?, ?, ?, NULL)""");
            p.setString(1, path);
            p.setInt(2, version);
            p.setInt(3, cipher.generation());
            p.setBytes(4, sealed);
            p.setLong(5, EpochNanos.of(createdTime));
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure("write secret version", e);
        }
    }

    @Override
    public void setSecretVersionDeletedTime(String path, int version, Instant deletedTime) {
        try {
            PreparedStatement p = statement(
                    "UPDATE secret_versions SET deleted_time = ? WHERE path = ? AND version = ?");
            if (deletedTime == null) {
                p.setNull(1, Types.INTEGER);
            } else {
                p.setLong(1, EpochNanos.of(deletedTime));
            }
            p.setString(2, path);
            p.setInt(3, version);
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure("mark secret version", e);
        }
    }

    @Override
    public void removeSecretVersions(String path, Collection<Integer> versions) {
        try {
            PreparedStatement p = statement("DELETE FROM secret_versions WHERE path = ? AND version = ?");
            for (int version : versions) {
                p.setString(1, path);
                p.setInt(2, version);
                p.executeUpdate();
            }
        } catch (SQLException e) {
            throw failure("remove secret versions", e);
        }
    }

    // ---- policies ----

    @Override
    public Optional<byte[]> policy(String name) {
        try {
            PreparedStatement p = statement("SELECT key_gen, sealed_document FROM policies WHERE name = ?");
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(cipher.open(rs.getInt(1), rs.getBytes(2), RowPlace.policyDocument(name)));
            }
        } catch (SQLException e) {
            throw failure("read policy", e);
        }
    }

    @Override
    public List<String> policyNames() {
        return strings("SELECT name FROM policies ORDER BY name", "read policy names");
    }

    @Override
    public SortedMap<String, byte[]> policies() {
        try {
            PreparedStatement p = statement("SELECT name, key_gen, sealed_document FROM policies ORDER BY name");
            SortedMap<String, byte[]> out = new TreeMap<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    out.put(name, cipher.open(rs.getInt(2), rs.getBytes(3), RowPlace.policyDocument(name)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read policies", e);
        }
    }

    @Override
    public void putPolicy(String name, byte[] document) {
        byte[] sealed = cipher.seal(document, RowPlace.policyDocument(name));
        try {
            PreparedStatement p = statement("""
                    INSERT INTO policies (name, key_gen, sealed_document) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET
                        key_gen = excluded.key_gen, sealed_document = excluded.sealed_document""");
            p.setString(1, name);
            p.setInt(2, cipher.generation());
            p.setBytes(3, sealed);
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure("write policy", e);
        }
    }

    @Override
    public boolean deletePolicy(String name) {
        try {
            PreparedStatement p = statement("DELETE FROM policies WHERE name = ?");
            p.setString(1, name);
            return p.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("delete policy", e);
        }
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

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement p = statements.get(sql);
        if (p == null) {
            p = connection.prepareStatement(sql);
            statements.put(sql, p);
        }
        return p;
    }

    private static SecretVersionRecord versionRecord(ResultSet rs) throws SQLException {
        long deleted = rs.getLong(3);
        Instant deletedTime = rs.wasNull() ? null : EpochNanos.toInstant(deleted);
        return new SecretVersionRecord(rs.getInt(1), EpochNanos.toInstant(rs.getLong(2)), deletedTime);
    }

    private static StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "SqliteTransaction";
    }
}
