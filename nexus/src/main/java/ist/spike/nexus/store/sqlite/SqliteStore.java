package ist.spike.nexus.store.sqlite;

import ist.spike.common.crypto.SecretBytes;
import ist.spike.nexus.store.Backend;
import ist.spike.nexus.store.ReadOperation;
import ist.spike.nexus.store.StoreException;
import ist.spike.nexus.store.WriteOperation;
import ist.spike.nexus.store.WrongRootKeyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default backend: {@code spike.db} in a data directory, every secret field sealed with
 * AES-256-GCM under the root key and bound to its row.
 *
 * <p>Open sequence: lock the directory; look at an existing file read-only and refuse a newer schema
 * or a wrong root key (nothing written); then open the single writer connection, migrate, and write
 * the key-check record if the database is new; then open the readers and start the writer thread.
 */
public final class SqliteStore implements Backend {
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

    /**
     * Opens the store in {@code options.dataDirectory()}, creating and initialising it under
     * {@code rootKey} if it is new or empty. The key is copied; the caller keeps ownership of its
     * {@link SecretBytes}.
     *
     * @throws WrongRootKeyException  the database was initialised under another key (nothing changed)
     * @throws SchemaTooNewException  the database was written by a newer version (nothing changed)
     * @throws StoreException         anything else (I/O, a directory already in use)
     */
    public static SqliteStore open(SqliteStoreOptions options, SecretBytes rootKey) {
        DataDirectory dir = DataDirectory.prepare(options.dataDirectory());
        DataDirectory.Lock lock = dir.lock();
        Connection writerConnection = null;
        try {
            RowCipher cipher = new RowCipher(rootKey, RowCipher.CURRENT_GENERATION);
            if (dir.databaseExists()) {
                StoreProbe probe = StoreProbe.of(dir);
                SchemaMigrator.requireKnown(probe.schemaVersion(), Migrations.ALL);
                if (probe.initialised()) {
                    KeyCheck.verify(cipher, probe.keyChecks());
                }
            } else {
                dir.createDatabaseFile();
            }
            writerConnection = SqliteConnections.openWriter(dir, options);
            int schemaVersion = initialise(writerConnection, cipher);
            dir.restrictFilePermissions();

            ReaderPool readers = ReaderPool.open(dir, options, cipher);
            SqliteTransaction writerTx = new SqliteTransaction(writerConnection, cipher);
            GroupCommitWriter writer = new GroupCommitWriter(writerConnection, writerTx, options.maxBatchSize());
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

    /**
     * Whether the store in {@code dataDirectory} has been initialised with a root key (holds a
     * key-check record). Needs no key and changes nothing; false if there is no database yet. The
     * root-key lifecycle asks this to choose between first boot and recovery.
     */
    public static boolean isInitialised(Path dataDirectory) {
        return StoreProbe.of(DataDirectory.at(dataDirectory)).initialised();
    }

    /** The database file of a data directory (for tools and tests). */
    public static Path databaseFile(Path dataDirectory) {
        return DataDirectory.at(dataDirectory).database();
    }

    /** Schema migration, then the key-check: one transaction, so a new database is initialised fully or not at all. */
    private static int initialise(Connection c, RowCipher cipher) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                int version = SchemaMigrator.migrate(c, Migrations.ALL);
                var rows = KeyCheck.load(c);
                if (rows.isEmpty()) {
                    KeyCheck.insert(c, cipher);
                } else {
                    KeyCheck.verify(cipher, rows); // again, under the write lock
                }
                s.execute("COMMIT");
                return version;
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        }
    }

    @Override
    public <T> T read(ReadOperation<T> operation) {
        return readers.read(operation);
    }

    @Override
    public <T> T write(WriteOperation<T> operation) {
        return writer.submit(operation);
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
     * Writes a consistent snapshot of the database to {@code target} (a new file, created 0600) while
     * the store keeps serving reads and writes. The copy holds the same sealed records, so it opens
     * only with the same root key.
     */
    /**
     * A consistent snapshot for streaming to a backup client. The copy is made in the data directory under a
     * name Nexus picks (never one a caller chooses) and unlinked as soon as it is open, so nothing is left on
     * disk once the stream is closed, even if Nexus dies meanwhile.
     */
    public java.io.InputStream snapshot() {
        Path temp = dir.root().resolve("backup-" + java.util.UUID.randomUUID() + ".tmp");
        try {
            backupTo(temp);
            java.io.InputStream in = Files.newInputStream(temp);
            Files.delete(temp);
            return in;
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
