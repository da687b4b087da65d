package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.StoreException;
import ist.spike.nexus.store.records.RecordReader;
import ist.spike.nexus.store.records.RecordStorage;
import ist.spike.nexus.store.records.RecordStore;
import ist.spike.nexus.store.records.RecordWriter;
import ist.spike.nexus.store.records.StoreContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default storage: {@code spike.db} in a data directory, holding sealed records only (the sealing
 * layer above seals and checks everything; this class never sees a key).
 *
 * <p>Open sequence: lock the directory; refuse a newer schema or a file whose schema this release did
 * not write; keep a copy of a file from an older schema beside it; then open the single writer
 * connection and migrate (a schema-1 store stops at schema 2 until the sealing layer has sealed its
 * bookkeeping); then open the readers and start the writer thread.
 */
public final class SqliteStore implements RecordStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

    private final DataDirectory dir;
    private final DataDirectory.Lock lock;
    private final Connection writerConnection;
    private final SqliteTransaction writerTx;
    private final GroupCommitWriter writer;
    private final ReaderPool readers;
    private boolean closed;

    private SqliteStore(DataDirectory dir, DataDirectory.Lock lock, Connection writerConnection,
            SqliteTransaction writerTx, GroupCommitWriter writer, ReaderPool readers) {
        this.dir = dir;
        this.lock = lock;
        this.writerConnection = writerConnection;
        this.writerTx = writerTx;
        this.writer = writer;
        this.readers = readers;
    }

    /** The store in {@code options.dataDirectory()} as the sealing layer opens it: probe first, then open. */
    public static RecordStorage storage(SqliteStoreOptions options) {
        return new RecordStorage() {
            @Override
            public StoreContents probe() {
                return StoreProbe.of(DataDirectory.at(options.dataDirectory())).contents();
            }

            @Override
            public RecordStore open() {
                return SqliteStore.open(options);
            }
        };
    }

    /**
     * Opens (creating if needed) the store in {@code options.dataDirectory()}.
     *
     * @throws SchemaTooNewException   the database was written by a newer version (nothing changed)
     * @throws ist.spike.nexus.store.StoreIntegrityException its schema holds objects this release never creates
     * @throws StoreException          anything else (I/O, a directory already in use)
     */
    public static SqliteStore open(SqliteStoreOptions options) {
        DataDirectory dir = DataDirectory.prepare(options.dataDirectory());
        DataDirectory.Lock lock = dir.lock();
        Connection writerConnection = null;
        try {
            int found = 0;
            if (dir.databaseExists()) {
                // Refuses a newer schema or a foreign object before anything is written.
                found = StoreProbe.of(dir).schemaVersion();
                if (found > 0 && found < Migrations.latest()) {
                    keepCopyBeside(dir, found);
                }
            } else {
                dir.createDatabaseFile();
            }
            writerConnection = SqliteConnections.openWriter(dir, options);
            SchemaShape.require(writerConnection, found, dir.database().toString()); // again, under the lock
            boolean legacy = found > 0 && found <= Migrations.LEGACY_IMPORT
                    && StoreProbe.tableExists(writerConnection, "key_check") && hasRows(writerConnection, "key_check");
            int schemaVersion = migrate(writerConnection, legacy ? Migrations.LEGACY_IMPORT : Migrations.latest());
            dir.restrictFilePermissions();

            ReaderPool readers = ReaderPool.open(dir, options);
            SqliteTransaction writerTx = new SqliteTransaction(writerConnection);
            if (legacy) {
                writerTx.exposeLegacy(new SqliteLegacyRecords(writerConnection, () -> writerTx.exposeLegacy(null)));
            }
            GroupCommitWriter writer = new GroupCommitWriter(writerConnection, writerTx, options.maxBatchSize(),
                    options.commitObserver());
            log.info("opened SQLite store {} (schema version {}, synchronous={}, {} readers)", dir.database(),
                    schemaVersion, options.syncMode(), options.readerConnections());
            return new SqliteStore(dir, lock, writerConnection, writerTx, writer, readers);
        } catch (SQLException e) {
            closeQuietly(writerConnection);
            lock.close();
            throw new StoreException("cannot open " + dir.database() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(writerConnection);
            lock.close();
            throw e;
        }
    }

    /** The database file of a data directory (for tools and tests). */
    public static Path databaseFile(Path dataDirectory) {
        return DataDirectory.at(dataDirectory).database();
    }

    /** Before an upgrade: a consistent copy of the old file, named after its schema, that the upgrade never touches. */
    private static void keepCopyBeside(DataDirectory dir, int schema) throws SQLException {
        Path copy = dir.root().resolve(DataDirectory.DATABASE_FILE + ".schema-" + schema + ".bak");
        if (Files.exists(copy)) {
            return; // an earlier attempt kept it already
        }
        DataDirectory.createOwnerOnlyFile(copy);
        try (Connection c = SqliteConnections.openProbe(dir)) {
            OnlineBackup.copy(c, copy);
        }
        DataDirectory.restrictFile(copy);
        log.info("kept a copy of the schema-{} store at {} before upgrading it", schema, copy);
    }

    private static boolean hasRows(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
            return rs.next();
        }
    }

    private static int migrate(Connection c, int target) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                int version = SchemaMigrator.migrate(c, Migrations.ALL, target);
                s.execute("COMMIT");
                return version;
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        }
    }

    @Override
    public <T> T read(Function<RecordReader, T> operation) {
        return readers.read(operation);
    }

    @Override
    public <T> T write(Function<RecordWriter, T> operation) {
        return writer.submit(operation);
    }

    @Override
    public long sizeBytes() {
        long total = 0;
        for (Path file : List.of(dir.database(), dir.wal())) {
            try {
                total += Files.size(file);
            } catch (java.io.IOException e) {
                // no WAL after a checkpoint: nothing to add
            }
        }
        return total;
    }

    /** Counters of the group-commit writer. */
    public WriterStats writerStats() {
        return writer.stats();
    }

    /** Writes queued but not yet picked up by the writer thread. */
    int queuedWrites() {
        return writer.queued();
    }

    /**
     * A consistent snapshot for streaming to a backup client, checked with SQLite's integrity check before it
     * is offered. The copy is made in the data directory under a name Nexus picks (never one a caller
     * chooses) and unlinked as soon as it is open, so nothing is left on disk once the stream is closed, even
     * if Nexus dies meanwhile.
     *
     * @throws StoreException when the copy cannot be made or fails the check
     */
    public Snapshot snapshot() {
        Path temp = dir.root().resolve("backup-" + java.util.UUID.randomUUID() + ".tmp");
        try {
            backupTo(temp);
            requireIntact(temp);
            long length = Files.size(temp);
            byte[] sha256 = sha256(temp);
            java.io.InputStream in = Files.newInputStream(temp);
            Files.delete(temp);
            return new Snapshot(in, length, sha256);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot stream the backup snapshot", e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (java.io.IOException ignored) {
                // best effort: the file is owner-only and holds only ciphertext
            }
        }
    }

    private static void requireIntact(Path snapshot) {
        try (java.sql.Connection c = SqliteConnections.openSnapshot(snapshot);
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            String first = rs.next() ? rs.getString(1) : null;
            if (!"ok".equals(first)) {
                throw new StoreException("the backup snapshot failed SQLite's integrity check: " + first);
            }
        } catch (java.sql.SQLException e) {
            throw new StoreException("cannot check the backup snapshot: " + e.getMessage(), e);
        }
    }

    /** A snapshot's bytes (from an already deleted file), their number and their SHA-256. */
    public record Snapshot(java.io.InputStream content, long length, byte[] sha256) {}

    private static byte[] sha256(Path file) throws java.io.IOException {
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (java.io.InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return digest.digest();
    }

    /**
     * Writes a consistent snapshot of the database to {@code target} (a new file, created 0600) while
     * the store keeps serving reads and writes. The copy holds the same sealed records and keyring, so it
     * opens only with a root key of its time.
     */
    public void backupTo(Path target) {
        Path file = target.toAbsolutePath();
        if (Files.exists(file)) {
            throw new StoreException("backup target " + file + " already exists");
        }
        DataDirectory.createOwnerOnlyFile(file);
        readers.withConnection(c -> {
            OnlineBackup.copy(c, file);
            return null;
        });
        DataDirectory.restrictFile(file);
    }

    /** Finishes queued writes, closes readers and then the writer (which checkpoints the WAL), unlocks. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.close();
        readers.close();
        writerTx.closeStatements();
        closeQuietly(writerConnection);
        lock.close();
        log.info("closed SQLite store {}", dir.database());
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.warn("closing the writer connection failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "SqliteStore[" + dir.database() + "]";
    }
}
