package ist.spike.nexus.policy;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.validate.Permission;
import ist.spike.nexus.http.Access;
import ist.spike.nexus.store.memory.MemoryStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How much an access check for a secret read costs with 1 policy and with 10,000: a plain main, not a
 * timed unit test (timings on a shared 2-core machine are not pass/fail material). Run it with the
 * test classpath: {@code java -cp ... ist.spike.nexus.policy.PolicyCheckBenchmark [seconds per case]}.
 *
 * <p>Cases: the caller's own policy among N policies written for N other workloads (the usual shape);
 * all N policies for the caller with anchored path patterns (found by prefix); and the worst case, all
 * N for the caller with unanchored path patterns, which must each be tried. Each case warms up, then reports the
 * median of many batches in ns per check; a check is {@link Access#secret} (superuser test included),
 * half of them allowed and half denied.
 */
public final class PolicyCheckBenchmark {
    private static final SpiffeId CALLER = SpiffeId.parse("spiffe://spike.ist/workload/w0");
    private static final int BATCH = 20_000;
    private static final String[] PATHS = {"tenants/w0/db/creds", "elsewhere/db/creds"};
    /** Keeps the JIT from dropping the checks. */
    private static long sink;

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 30;
        int rounds = 5;
        System.out.printf("load average before: %s%n", loadAverage());
        String[] names = {"1 policy", "10,000 policies, one for the caller",
            "10,000 ^anchored policies, all for the caller", "10,000 unanchored, all for the caller (worst)"};
        Setup[] setups = {services(1, Shape.ONE_PER_WORKLOAD), timedSetup(10_000, Shape.ONE_PER_WORKLOAD),
            services(10_000, Shape.ALL_FOR_CALLER), services(10_000, Shape.ALL_FOR_CALLER_UNANCHORED)};
        // Interleaved rounds, so that a change in machine load hits every case alike.
        List<List<Double>> samples = new ArrayList<>();
        for (int c = 0; c < setups.length; c++) {
            samples.add(new ArrayList<>());
        }
        for (Setup setup : setups) {
            measure(setup, seconds * 0.1); // warm-up
        }
        for (int round = 0; round < rounds; round++) {
            for (int c = 0; c < setups.length; c++) {
                samples.get(c).addAll(measure(setups[c], seconds / rounds / setups.length));
            }
        }
        double[] medians = new double[setups.length];
        for (int c = 0; c < setups.length; c++) {
            double[] sorted = samples.get(c).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            medians[c] = sorted[sorted.length / 2];
            System.out.printf("%-50s median %7.1f ns/check (p10 %.1f, p90 %.1f; %d batches of %d)%n", names[c],
                    medians[c], sorted[sorted.length / 10], sorted[sorted.length * 9 / 10], sorted.length, BATCH);
        }
        System.out.printf("ratio to 1 policy: %.2f, %.2f, worst %.1f%n", medians[1] / medians[0],
                medians[2] / medians[0], medians[3] / medians[0]);
        System.out.printf("first check by a caller after a policy write, 10,000 policies: %.1f us%n",
                firstCheckAfterWriteMicros(setups[1]));
        System.out.printf("load average after: %s (sink %d)%n", loadAverage(), sink);
    }

    private static Setup timedSetup(int n, Shape shape) throws InvalidPolicyException {
        long start = System.nanoTime();
        Setup setup = services(n, shape);
        System.out.printf("writing %d policies one by one: %.1f s (%.2f ms per write)%n", n,
                (System.nanoTime() - start) / 1e9, (System.nanoTime() - start) / 1e6 / n);
        return setup;
    }

    /** The policy service and the access check over it. */
    private record Setup(PolicyService policies, Access access) {}

    /** Who the N policies are for, and whether their path patterns have a literal prefix. */
    private enum Shape { ONE_PER_WORKLOAD, ALL_FOR_CALLER, ALL_FOR_CALLER_UNANCHORED }

    /** N policies; policy 0 grants the caller read on tenants/w0/. */
    private static Setup services(int n, Shape shape) throws InvalidPolicyException {
        PolicyService policies = new PolicyService(TestStores.memory(), Clock.systemUTC());
        policies.load();
        for (int i = 0; i < n; i++) {
            String who = shape == Shape.ONE_PER_WORKLOAD ? "w" + i : "w0";
            String path = (shape == Shape.ALL_FOR_CALLER_UNANCHORED ? "" : "^") + "tenants/w" + i + "/";
            policies.put("p" + i, "^spiffe://spike\\.ist/workload/" + who + "$", path, List.of(Permission.READ));
        }
        return new Setup(policies, new Access(Roles.defaults(), policies));
    }

    /** Batches for {@code seconds}: ns per check of each batch. */
    private static List<Double> measure(Setup setup, double seconds) {
        List<Double> out = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            sink += batch(setup.access());
            out.add((System.nanoTime() - start) / (double) BATCH);
        }
        return out;
    }

    /** Half the checks allowed (the caller's own path), half denied (a path no policy grants: a full scan). */
    private static long batch(Access access) {
        long allowed = 0;
        for (int i = 0; i < BATCH; i++) {
            if (access.secret(CALLER, PATHS[i & 1], Permission.READ)) {
                allowed++;
            }
        }
        return allowed;
    }

    /** A policy write starts a new index: the next check works out which policies apply to the caller. */
    private static double firstCheckAfterWriteMicros(Setup setup) throws InvalidPolicyException {
        PolicyService policies = setup.policies();
        Access access = setup.access();
        double[] samples = new double[21];
        for (int i = 0; i < samples.length; i++) {
            policies.put("churn", "^spiffe://spike\\.ist/nobody$", "^x/", List.of(Permission.READ));
            long start = System.nanoTime();
            access.secret(CALLER, "tenants/w0/db/creds", Permission.READ);
            samples[i] = (System.nanoTime() - start) / 1e3;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
