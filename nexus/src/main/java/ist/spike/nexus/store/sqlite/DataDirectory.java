package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory holding the database, and the permissions on everything in it: the directory is 0700
 * and every file 0600, because the file system is the only thing keeping other local users away from
 * the (encrypted) records and the plaintext paths.
 */
final class DataDirectory {
    static final String DATABASE_FILE = "spike.db";
    static final String LOCK_FILE = "spike.db.lock";

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    /** A view of {@code root} that creates nothing (for inspection). */
    static DataDirectory at(Path root) {
        return new DataDirectory(root.toAbsolutePath());
    }

    /** Creates {@code root} 0700 if missing; warns if an existing one is open to other users. */
    static DataDirectory prepare(Path root) {
        DataDirectory dir = at(root);
        try {
            if (Files.isDirectory(dir.root)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir.root);
                if (!OWNER_ONLY_DIR.containsAll(perms)) {
                    log.warn("data directory {} is accessible to other users ({}); 0700 is recommended", dir.root,
                            PosixFilePermissions.toString(perms));
                }
            } else {
                Files.createDirectories(dir.root, asAttribute(OWNER_ONLY_DIR));
                // createDirectories is subject to the umask; set the mode explicitly.
                Files.setPosixFilePermissions(dir.root, OWNER_ONLY_DIR);
            }
        } catch (IOException e) {
            throw new StoreException("cannot prepare data directory " + dir.root, e);
        }
        return dir;
    }

    Path root() {
        return root;
    }

    Path database() {
        return root.resolve(DATABASE_FILE);
    }

    Path wal() {
        return root.resolve(DATABASE_FILE + "-wal");
    }

    Path shm() {
        return root.resolve(DATABASE_FILE + "-shm");
    }

    boolean databaseExists() {
        return Files.exists(database(), LinkOption.NOFOLLOW_LINKS);
    }

    /** True if a write-ahead log with content sits beside the database (an unclean shutdown, or a live store). */
    boolean hasWalContent() {
        try {
            return Files.exists(wal()) && Files.size(wal()) > 0;
        } catch (IOException e) {
            return true; // cannot tell: assume there is, which only costs a more careful probe
        }
    }

    /** Creates an empty database file 0600 before SQLite touches it, so it is never readable by others. */
    void createDatabaseFile() {
        try {
            Files.createFile(database(), asAttribute(OWNER_ONLY_FILE));
        } catch (IOException e) {
            throw new StoreException("cannot create " + database(), e);
        }
    }

    /** Sets 0600 on the database and on its -wal and -shm files, whichever exist. */
    void restrictFilePermissions() {
        for (Path file : List.of(database(), wal(), shm())) {
            restrictFile(file);
        }
    }

    static void restrictFile(Path file) {
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            }
        } catch (IOException e) {
            throw new StoreException("cannot set permissions on " + file, e);
        }
    }

    /** Creates a new, empty file with mode 0600; fails if it exists. */
    static void createOwnerOnlyFile(Path file) {
        try {
            Files.createFile(file, asAttribute(OWNER_ONLY_FILE));
        } catch (IOException e) {
            throw new StoreException("cannot create " + file, e);
        }
    }

    /**
     * Takes an exclusive lock on the directory so two Nexus instances never share one database: the
     * single-writer design (and its group commit) assumes nobody else writes.
     */
    Lock lock() {
        Path lockFile = root.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            if (!Files.exists(lockFile)) {
                try {
                    Files.createFile(lockFile, asAttribute(OWNER_ONLY_FILE));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // someone else created it; fine
                }
            }
            channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new StoreException("data directory " + root + " is in use by another process");
            }
            return new Lock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StoreException("data directory " + root + " is already open in this process");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock data directory " + root, e);
        }
    }

    /** Held while a store is open. */
    static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it anyway
            }
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing useful to do
            }
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> asAttribute(Set<PosixFilePermission> perms) {
        return PosixFilePermissions.asFileAttribute(perms);
    }
}
