package ist.spike.nexus.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * Brings a database to the latest schema. The {@code schema_version} table keeps one row per applied
 * migration. Runs inside the caller's transaction, so a failed step leaves nothing half-applied.
 */
final class SchemaMigrator {
    static final String CREATE_VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_version (
                version      INTEGER PRIMARY KEY,
                description  TEXT    NOT NULL,
                applied_time INTEGER NOT NULL
            ) STRICT""";

    private SchemaMigrator() {}

    /** The version recorded in {@code connection}'s database; 0 for an empty database. */
    static int currentVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return 0;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Refuses a database from the future before anything is written to it. */
    static void requireKnown(int version, List<Migration> migrations) {
        int known = migrations.get(migrations.size() - 1).version();
        if (version > known) {
            throw new SchemaTooNewException(version, known);
        }
    }

    /** Applies every migration above the recorded version; returns the resulting version. */
    static int migrate(Connection connection, List<Migration> migrations) throws SQLException {
        return migrate(connection, migrations, migrations.get(migrations.size() - 1).version());
    }

    /** Applies the migrations above the recorded version up to {@code target}; returns the resulting version. */
    static int migrate(Connection connection, List<Migration> migrations, int target) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(CREATE_VERSION_TABLE);
        }
        int version = currentVersion(connection);
        requireKnown(version, migrations);
        for (Migration m : migrations) {
            if (m.version() <= version || m.version() > target) {
                continue;
            }
            if (m.version() != version + 1) {
                throw new IllegalStateException("migration list has a gap before version " + m.version());
            }
            try (Statement s = connection.createStatement()) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO schema_version (version, description, applied_time) VALUES (?, ?, ?)")) {
                p.setInt(1, m.version());
                p.setString(2, m.description());
                p.setLong(3, EpochNanos.of(Instant.now()));
                p.executeUpdate();
            }
            version = m.version();
        }
        return version;
    }
}
