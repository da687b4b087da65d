package ist.spike.nexus.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Opens the three kinds of connection the store uses, each with its settings. */
final class SqliteConnections {
    private SqliteConnections() {}

    /**
     * The single writer: WAL, the chosen synchronous level, foreign keys, and secure_delete so that
     * pruned and replaced ciphertext is overwritten rather than left in free pages. Every connection turns
     * {@code trusted_schema} off, so no function a planted view or trigger names can run with side effects
     * (the schema check refuses such objects anyway).
     */
    static Connection openWriter(DataDirectory dir, SqliteStoreOptions options) throws SQLException {
        Connection c = config().createConnection(url(dir));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + options.busyTimeout().toMillis());
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = " + options.syncMode().name());
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("PRAGMA secure_delete = ON");
            s.execute("PRAGMA trusted_schema = OFF");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** A reader: opened read-only, so no read path can ever write. */
    static Connection openReader(DataDirectory dir, SqliteStoreOptions options) throws SQLException {
        SQLiteConfig config = config();
        config.setReadOnly(true);
        Connection c = config.createConnection(url(dir));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + options.busyTimeout().toMillis());
            s.execute("PRAGMA trusted_schema = OFF");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * A connection for looking at a database before deciding to open it, guaranteed not to modify the
     * database file. After a clean shutdown there is no WAL, and {@code immutable=1} reads the file
     * without creating -wal or -shm files at all. If a WAL with content exists (a crash, or a live
     * store), its commits must be seen, so the probe opens read-only through the WAL instead; that may
     * create a -shm index but never writes to the database or the WAL.
     */
    static Connection openProbe(DataDirectory dir) throws SQLException {
        SQLiteConfig config = config();
        config.setReadOnly(true);
        String url = dir.hasWalContent() ? url(dir) : url(dir) + "?immutable=1";
        Connection c = config.createConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA trusted_schema = OFF");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** A read-only connection to a snapshot file (nothing else has it open; it has no WAL). */
    static Connection openSnapshot(Path file) throws SQLException {
        SQLiteConfig config = config();
        config.setReadOnly(true);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath().toUri() + "?immutable=1");
    }

    /**
     * Settings every connection shares. No generated keys: nothing reads them, and the driver would
     * otherwise match every statement against a regex and follow each INSERT with a second query.
     */
    private static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.setGetGeneratedKeys(false);
        return config;
    }

    /** A URI with the path percent-encoded, so no character in a directory name can be taken for a parameter. */
    private static String url(DataDirectory dir) {
        return "jdbc:sqlite:" + dir.database().toUri();
    }
}
