import ist.spike.client.SpikeClient;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for hack/bench-nexus.sh, through the Java client (one client, kept-alive connections), as the
 * identity in the environment (SPIFFE_ENDPOINT_SOCKET, SPIKE_NEXUS_API_URL):
 *   put COUNT THREADS          writes load/s-0 .. load/s-(COUNT-1), two keys each
 *   get COUNT THREADS SECONDS  reads random ones of them for SECONDS; prints the request rate
 * Run as a source file: java -cp dist/lib/spike.jar hack/lib/NexusLoad.java put 100000 16
 */
public final class NexusLoad {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: NexusLoad put COUNT THREADS | get COUNT THREADS SECONDS");
            System.exit(1);
        }
        int count = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        try (SpikeClient spike = SpikeClient.fromEnvironment()) {
            long started = System.nanoTime();
            AtomicLong done = new AtomicLong();
            AtomicInteger failures = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            if (args[0].equals("put")) {
                AtomicInteger next = new AtomicInteger();
                for (int t = 0; t < threads; t++) {
                    pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            try {
                                spike.putSecret("load/s-" + i, Map.of("username", "user-" + i,
                                        "password", "p-" + Long.toHexString(ThreadLocalRandom.current().nextLong())));
                                long n = done.incrementAndGet();
                                if (n % 10_000 == 0) {
                                    System.out.printf("  %,d written%n", n);
                                }
                            } catch (RuntimeException e) {
                                failures.incrementAndGet();
                            }
                        }
                    });
                }
            } else {
                long until = started + Long.parseLong(args[3]) * 1_000_000_000L;
                for (int t = 0; t < threads; t++) {
                    pool.submit(() -> {
                        while (System.nanoTime() < until) {
                            try {
                                spike.getSecret("load/s-" + ThreadLocalRandom.current().nextInt(count));
                                done.incrementAndGet();
                            } catch (RuntimeException e) {
                                failures.incrementAndGet();
                            }
                        }
                    });
                }
            }
            pool.shutdown();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%s: %,d requests in %.1f s (%.0f/s), %d failed%n", args[0], done.get(), seconds,
                    done.get() / seconds, failures.get());
            System.exit(failures.get() == 0 ? 0 : 1);
        }
    }
}
