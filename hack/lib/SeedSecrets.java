import ist.spike.client.SpikeClient;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Roles;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Seeds secrets for hack/bench-rotation.sh through the Java client: COUNT secrets at their own paths
 * (seed/s-0 .. seed/s-(COUNT-1)), one value of 100 bytes each, written by THREADS virtual threads over
 * one client (kept-alive connections) as the identity in SVID_DIR (SVID files, e.g. the dev identity
 * provider's --svid-files). Prints the rate; exits 1 if any write failed.
 * Run as a source file: java -cp 'dist/lib/*' hack/lib/SeedSecrets.java SVID_DIR NEXUS_URL COUNT THREADS
 */
public final class SeedSecrets {
    private static final int VALUE_BYTES = 100;

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: SeedSecrets SVID_DIR NEXUS_URL COUNT THREADS");
            System.exit(2);
        }
        int count = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        try (SpikeClient spike = SpikeClient.connect(
                IdentitySources.open(Map.of(IdentitySources.SPIKE_SVID_DIR, args[0])), URI.create(args[1]),
                Roles.defaults())) {
            long started = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < threads; t++) {
                    pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            try {
                                spike.putSecret("seed/s-" + i, Map.of("v", value(i)));
                                long n = done.incrementAndGet();
                                if (n % 10_000 == 0) {
                                    System.out.printf("  %,d written%n", n);
                                }
                            } catch (RuntimeException e) {
                                failures.incrementAndGet();
                                // The type and message only: the client's messages name paths, never values.
                                firstFailure.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                            }
                        }
                    });
                }
            } // close() waits for every task
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("seeded %d secrets in %.1f s: %.0f/s, %d failed%n", done.get(), seconds,
                    done.get() / seconds, failures.get());
            if (failures.get() > 0) {
                System.err.println("first failure: " + firstFailure.get());
                System.exit(1);
            }
        }
    }

    /** 100 ASCII bytes, different for every secret. */
    private static String value(int i) {
        String head = "seed-" + i + "-";
        return head + "x".repeat(VALUE_BYTES - head.length());
    }
}
