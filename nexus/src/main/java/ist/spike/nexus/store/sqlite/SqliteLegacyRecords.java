package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.records.LegacyRecords;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Schema 1's key check and bookkeeping, read over the writer connection while the store is at schema 2. */
final class SqliteLegacyRecords implements LegacyRecords {
    private final Connection connection;
    private final Runnable onFinish;

    SqliteLegacyRecords(Connection connection, Runnable onFinish) {
        this.connection = connection;
        this.onFinish = onFinish;
    }

    @Override
    public byte[] keyCheck() {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT sealed_value FROM key_check ORDER BY key_gen LIMIT 1")) {
            return rs.next() ? rs.getBytes(1) : new byte[0];
        } catch (SQLException e) {
            throw SqliteTransaction.failure("read schema 1's key check", e);
        }
    }

    @Override
    public List<LegacySecret> secrets() {
        Map<String, List<LegacyVersion>> versions = new LinkedHashMap<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT path, version, created_time, deleted_time FROM secret_versions ORDER BY path, version")) {
                while (rs.next()) {
                    long deleted = rs.getLong(4);
                    boolean live = rs.wasNull();
                    versions.computeIfAbsent(rs.getString(1), p -> new ArrayList<>()).add(new LegacyVersion(
                            rs.getInt(2), EpochNanos.toInstant(rs.getLong(3)), live ? null : EpochNanos.toInstant(deleted)));
                }
            }
            List<LegacySecret> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT path, current_version, oldest_version, created_time, "
                    + "updated_time, max_versions FROM secret_metadata ORDER BY path")) {
                while (rs.next()) {
                    String path = rs.getString(1);
                    out.add(new LegacySecret(path, rs.getInt(2), rs.getInt(3), EpochNanos.toInstant(rs.getLong(4)),
                            EpochNanos.toInstant(rs.getLong(5)), rs.getInt(6), versions.getOrDefault(path, List.of())));
                }
            }
            return out;
        } catch (SQLException e) {
            throw SqliteTransaction.failure("read schema 1's bookkeeping", e);
        }
    }

    @Override
    public void finish() {
        try {
            SchemaMigrator.migrate(connection, Migrations.ALL);
            onFinish.run();
        } catch (SQLException e) {
            throw SqliteTransaction.failure("drop schema 1's tables", e);
        }
    }
}
