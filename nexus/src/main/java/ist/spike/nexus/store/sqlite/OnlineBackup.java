package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import org.sqlite.SQLiteConnection;

/**
 * SQLite's online backup from a reader connection, as sqlite-jdbc's {@code backup to '<path>'}
 * statement does, but through its API:
 * <ul>
 *   <li>The statement form is parsed by a regex that strips one pair of quotes and does not unescape,
 *       so a path holding a quote cannot be written at all. The API takes the path as a plain string.</li>
 *   <li>The statement copies 100 pages per step, and SQLite restarts a stepped backup whenever another
 *       connection writes; under steady writes that may never finish. One step of all pages (-1)
 *       copies a single WAL snapshot, and in WAL mode that read does not block the writer.</li>
 *   <li>It runs on a platform thread: the copy happens in native code, which would pin a virtual
 *       thread's carrier for its whole duration.</li>
 * </ul>
 */
final class OnlineBackup {
    private static final int ALL_PAGES = -1;
    private static final int BUSY_SLEEP_MILLIS = 100;
    private static final int BUSY_RETRIES = 3;

    private OnlineBackup() {}

    static void copy(Connection source, Path target) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().name("spike-store-backup").start(() -> {
            try {
                SQLiteConnection sqlite = source.unwrap(SQLiteConnection.class);
                sqlite.getDatabase().backup("main", target.toString(), null, BUSY_SLEEP_MILLIS, BUSY_RETRIES, ALL_PAGES);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true; // the copy cannot be cancelled halfway; wait for it
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t != null) {
            String detail = t instanceof SQLException ? t.getMessage() : t.toString();
            throw new StoreException("backup to " + target + " failed: " + detail, t);
        }
    }
}
