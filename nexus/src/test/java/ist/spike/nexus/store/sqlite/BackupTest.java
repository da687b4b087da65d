package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.nexus.secret.SecretService;
import ist.spike.nexus.store.StoreException;
import ist.spike.nexus.store.WrongRootKeyException;
import ist.spike.nexus.testing.Files2;
import ist.spike.nexus.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBackupTakenWhileWritesContinueIsAConsistentOpenableCopy() throws Exception {
        Path live = tmp.resolve("live");
        Path restored = tmp.resolve("restored dir 'single' \"double\"");
        Files.createDirectories(restored);
        Path target = restored.resolve("spike.db");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger before = new AtomicInteger();
        try (SealedBackend store = TestStores.sqlite(SqliteStoreOptions.defaults(live), TestKeys.fixed(1));
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 10);
            for (int i = 0; i < 200; i++) {
                secrets.put("seed/" + i, Map.of("v", "seed-" + i));
            }
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; writing.get(); i++) {
                    secrets.put("busy/" + (i % 50), Map.of("v", "x" + i));
                }
            });
            try {
                Thread.sleep(50);
                before.set(secrets.list().size());
                TestStores.sqliteOf(store).backupTo(target);
            } finally {
                writing.set(false);
            }
            writer.get();
            assertThrows(StoreException.class, () -> TestStores.sqliteOf(store).backupTo(target), "never overwrites a file");
        }
        assertEquals("rw-------", Files2.mode(target));
        assertTrue(TestStores.isInitialised(restored));
        assertThrows(WrongRootKeyException.class,
                () -> TestStores.sqlite(SqliteStoreOptions.defaults(restored), TestKeys.fixed(2)));
        try (SealedBackend copy = TestStores.sqlite(SqliteStoreOptions.defaults(restored), TestKeys.fixed(1))) {
            SecretService secrets = new SecretService(copy, Clock.systemUTC(), 10);
            assertTrue(secrets.list().size() >= before.get());
            for (int i = 0; i < 200; i++) {
                assertEquals(Map.of("v", "seed-" + i), secrets.get("seed/" + i, 0));
            }
        }
    }
}
