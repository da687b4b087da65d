package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.nexus.secret.SecretNotFoundException;
import ist.spike.nexus.secret.SecretService;
import ist.spike.nexus.store.SecretMetadataRecord;
import ist.spike.nexus.testing.TestKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
    @TempDir
    Path tmp;

    @Test
    void concurrentWritersAllSucceedWithDistinctVersionsInFewerTransactions() throws Exception {
        int writers = 16;
        int each = 50;
        try (SealedBackend store = TestStores.sqlite(SqliteStoreOptions.defaults(tmp), TestKeys.fixed(1))) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 100_000);
            WriterStats before = TestStores.sqliteOf(store).writerStats();
            ConcurrentLinkedQueue<Integer> versions = new ConcurrentLinkedQueue<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int id = w;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            versions.add(secrets.put("shared", Map.of("w", id + "/" + i)));
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            }
            WriterStats after = TestStores.sqliteOf(store).writerStats();
            long writes = after.committedWrites() - before.committedWrites();
            long batches = after.committedBatches() - before.committedBatches();

            Set<Integer> distinct = new TreeSet<>(versions);
            assertEquals(writers * each, distinct.size(), "every put got its own version");
            assertEquals(writers * each, ((TreeSet<Integer>) distinct).last());
            assertEquals(writers * each, writes);
            assertEquals(0, after.failedWrites() - before.failedWrites());
            assertTrue(batches < writes, "group commit: " + batches + " transactions for " + writes + " writes");
            System.out.printf("group commit: %d writes in %d transactions (%.1f per commit)%n", writes, batches,
                    (double) writes / batches);
        }
    }

    @Test
    void aFailingOperationRollsBackAloneAndTheRestOfItsBatchCommits() throws Exception {
        try (SealedBackend store = TestStores.sqlite(SqliteStoreOptions.defaults(tmp), TestKeys.fixed(1));
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 10);
            CountDownLatch writerBusy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);

            // Occupy the writer thread so the next three operations queue up and form one batch.
            Future<?> blocker = pool.submit(() -> store.write(tx -> {
                writerBusy.countDown();
                await(release);
                return null;
            }));
            assertTrue(writerBusy.await(10, TimeUnit.SECONDS));

            IllegalStateException boom = new IllegalStateException("operation failed on purpose");
            Future<Integer> first = pool.submit(() -> secrets.put("first", Map.of("k", "v")));
            Future<Object> failing = pool.submit(() -> store.write(tx -> {
                Instant now = Instant.now();
                tx.putSecretMetadata("failing", new SecretMetadataRecord(1, 1, now, now, 10));
                tx.insertSecretVersion("failing", 1, Map.of("k", "v"), now);
                throw boom;
            }));
            Future<Integer> last = pool.submit(() -> secrets.put("last", Map.of("k", "v")));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (TestStores.sqliteOf(store).queuedWrites() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(3, TestStores.sqliteOf(store).queuedWrites());

            WriterStats before = TestStores.sqliteOf(store).writerStats();
            release.countDown();
            blocker.get();
            assertEquals(1, first.get());
            assertEquals(1, last.get());
            ExecutionException e = assertThrows(ExecutionException.class, failing::get);
            assertSame(boom, e.getCause(), "the caller gets its own exception");

            WriterStats after = TestStores.sqliteOf(store).writerStats();
            assertEquals(2, after.committedBatches() - before.committedBatches(), "blocker's batch, then one for three");
            assertEquals(3, after.committedWrites() - before.committedWrites());
            assertEquals(1, after.failedWrites() - before.failedWrites());

            assertEquals(List.of("first", "last"), secrets.list());
            assertThrows(SecretNotFoundException.class, () -> secrets.get("failing", 0));
            assertEquals(Optional.empty(), store.read(tx -> tx.secretValues("failing", 1)));
        }
    }

    @Test
    void aBatchNeverExceedsTheConfiguredSize() throws Exception {
        SqliteStoreOptions options = SqliteStoreOptions.defaults(tmp).withMaxBatchSize(1);
        try (SealedBackend store = TestStores.sqlite(options, TestKeys.fixed(1));
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 10);
            WriterStats before = TestStores.sqliteOf(store).writerStats();
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String path = "p" + i;
                futures.add(pool.submit(() -> secrets.put(path, Map.of("k", "v"))));
            }
            for (Future<Integer> f : futures) {
                f.get();
            }
            WriterStats after = TestStores.sqliteOf(store).writerStats();
            assertEquals(40, after.committedBatches() - before.committedBatches());
        }
    }

    @Test
    void closeFinishesQueuedWritesFirst() throws Exception {
        Path dir = tmp.resolve("data");
        List<Future<Integer>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            SealedBackend store = TestStores.sqlite(SqliteStoreOptions.defaults(dir), TestKeys.fixed(1));
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 10);
            for (int i = 0; i < 50; i++) {
                String path = "p" + i;
                futures.add(pool.submit(() -> secrets.put(path, Map.of("k", "v"))));
            }
            while (TestStores.sqliteOf(store).writerStats().committedWrites() == 0) {
                Thread.sleep(1);
            }
            store.close();
        }
        int acknowledged = 0;
        for (Future<Integer> f : futures) {
            try {
                f.get();
                acknowledged++;
            } catch (ExecutionException e) {
                assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().toString());
            }
        }
        try (SealedBackend store = TestStores.sqlite(SqliteStoreOptions.defaults(dir), TestKeys.fixed(1))) {
            assertEquals(acknowledged, new SecretService(store, Clock.systemUTC(), 10).list().size());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
