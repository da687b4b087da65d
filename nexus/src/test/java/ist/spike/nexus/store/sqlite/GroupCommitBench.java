package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import ist.spike.nexus.secret.SecretService;
import ist.spike.nexus.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load harness, not a test: durable (synchronous=FULL) puts per second with 1 and 16 concurrent
 * virtual-thread writers, and gets per second with 16 readers, each the median of several rounds.
 * Run with the test class path and {@code --enable-native-access=ALL-UNNAMED}; optional arguments:
 * seconds per round (default 3) and rounds (default 5).
 */
public final class GroupCommitBench {
    private static final Map<String, String> VALUES = Map.of(
            "username", "service-account-42",
            "password", "b3Jhbmdlcy1hbmQtbGVtb25zLXNheS10aGUtYmVsbHMtb2Yt",
            "url", "postgres://db.internal.example:5432/orders?sslmode=verify-full");

    private GroupCommitBench() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf("GroupCommitBench: %d rounds of %.1f s; %d cores; java %s%n", rounds, seconds,
                Runtime.getRuntime().availableProcessors(), Runtime.version());

        writes("FULL", SyncMode.FULL, 1, seconds, rounds);
        writes("FULL", SyncMode.FULL, 16, seconds, rounds);
        writes("NORMAL", SyncMode.NORMAL, 16, seconds, rounds);
        reads(16, seconds, rounds);
    }

    private static void writes(String label, SyncMode mode, int writers, double seconds, int rounds)
            throws Exception {
        Path dir = Files.createTempDirectory("spike-bench");
        try (SealedBackend store = TestStores.sqlite(SqliteStoreOptions.defaults(dir).withSyncMode(mode),
                TestKeys.fixed(7))) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 10);
            double[] rates = new double[rounds];
            double[] perCommit = new double[rounds];
            run(writers, seconds / 3, () -> secrets.put(randomPath(), VALUES)); // warm-up
            for (int r = 0; r < rounds; r++) {
                WriterStats before = TestStores.sqliteOf(store).writerStats();
                rates[r] = run(writers, seconds, () -> secrets.put(randomPath(), VALUES));
                WriterStats after = TestStores.sqliteOf(store).writerStats();
                perCommit[r] = (double) (after.committedWrites() - before.committedWrites())
                        / Math.max(1, after.committedBatches() - before.committedBatches());
            }
            System.out.printf("puts/s  synchronous=%-6s writers=%2d  median %8.0f  rounds %s  writes/commit %.1f%n",
                    label, writers, median(rates), format(rates), median(perCommit));
        } finally {
            deleteTree(dir);
        }
    }

    private static void reads(int readers, double seconds, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("spike-bench");
        try (SealedBackend store = TestStores.sqlite(SqliteStoreOptions.defaults(dir), TestKeys.fixed(7))) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 10);
            for (int i = 0; i < 1000; i++) {
                secrets.put("bench/" + i, VALUES);
            }
            double[] rates = new double[rounds];
            run(readers, seconds / 3, () -> secrets.get(randomPath(), 0));
            for (int r = 0; r < rounds; r++) {
                rates[r] = run(readers, seconds, () -> secrets.get(randomPath(), 0));
            }
            System.out.printf("gets/s  readers=%2d (pool of 4 connections)  median %8.0f  rounds %s%n", readers,
                    median(rates), format(rates));
        } finally {
            deleteTree(dir);
        }
    }

    private static String randomPath() {
        return "bench/" + ThreadLocalRandom.current().nextInt(1000);
    }

    /** Runs {@code op} in a loop on {@code threads} virtual threads for {@code seconds}; returns operations/s. */
    private static double run(int threads, double seconds, Runnable op) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        List<Thread> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            running.add(Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    op.run();
                    done.increment();
                }
            }));
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread t : running) {
            t.join();
        }
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String format(double[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (double v : values) {
            sb.append(sb.length() > 1 ? " " : "").append(Math.round(v));
        }
        return sb.append(']').toString();
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
