package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.records.RecordReader;
import ist.spike.nexus.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * A fixed set of read-only connections. In WAL mode readers never wait for the writer, so a read holds
 * a connection only for the few SQLite calls it makes; callers beyond the pool size park (virtual
 * threads) on a semaphore rather than spinning in native code.
 */
final class ReaderPool implements AutoCloseable {
    private final List<Session> all;
    private final ConcurrentLinkedQueue<Session> idle = new ConcurrentLinkedQueue<>();
    private final Semaphore permits;
    private volatile boolean closed;

    private ReaderPool(List<Session> sessions) {
        this.all = List.copyOf(sessions);
        this.idle.addAll(sessions);
        this.permits = new Semaphore(sessions.size(), true);
    }

    static ReaderPool open(DataDirectory dir, SqliteStoreOptions options) throws SQLException {
        List<Session> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < options.readerConnections(); i++) {
                sessions.add(Session.open(SqliteConnections.openReader(dir, options)));
            }
        } catch (SQLException e) {
            sessions.forEach(Session::close);
            throw e;
        }
        return new ReaderPool(sessions);
    }

    /** Runs {@code operation} inside one read transaction, so it sees a single consistent snapshot. */
    <T> T read(Function<RecordReader, T> operation) {
        return withSession(session -> session.inReadTransaction(operation));
    }

    /** Lends a connection to {@code work} outside any transaction (online backup). */
    <T> T withConnection(Function<Connection, T> work) {
        return withSession(session -> work.apply(session.connection));
    }

    private <T> T withSession(Function<Session, T> work) {
        if (closed) {
            throw new StoreException("store is closed");
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection");
        }
        try {
            if (closed) {
                throw new StoreException("store is closed");
            }
            Session session = idle.poll(); // a permit guarantees one is idle
            try {
                return work.apply(session);
            } finally {
                idle.add(session);
            }
        } finally {
            permits.release();
        }
    }

    /** Waits for reads in flight, then closes every connection. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        permits.acquireUninterruptibly(all.size());
        all.forEach(Session::close);
        permits.release(all.size()); // wakes late arrivals, which then see the store is closed
    }

    /**
     * One reader connection. BEGIN and COMMIT are prepared once: a new statement per read cost a
     * statement object, an SQL parse and the driver's generated-keys check twice per request.
     */
    private record Session(Connection connection, SqliteTransaction tx, PreparedStatement begin,
            PreparedStatement commit) {
        static Session open(Connection connection) throws SQLException {
            try {
                return new Session(connection, new SqliteTransaction(connection),
                        connection.prepareStatement("BEGIN"), connection.prepareStatement("COMMIT"));
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        <T> T inReadTransaction(Function<RecordReader, T> operation) {
            execute(begin);
            boolean done = false;
            try {
                T result = operation.apply(tx);
                execute(commit);
                done = true;
                return result;
            } finally {
                if (!done) {
                    rollback();
                }
            }
        }

        private static void execute(PreparedStatement statement) {
            try {
                statement.execute();
            } catch (SQLException e) {
                throw new StoreException("read transaction: " + e.getMessage(), e);
            }
        }

        private void rollback() {
            try (Statement s = connection.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // no transaction left to end
            }
        }

        void close() {
            tx.closeStatements();
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
