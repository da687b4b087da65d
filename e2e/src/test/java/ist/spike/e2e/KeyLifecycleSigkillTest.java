package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.client.SpikeClient;
import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.shamir.Shamir;
import ist.spike.common.shamir.Share;
import ist.spike.common.shamir.ShareFormat;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.wire.operator.KeysResponse;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of Nexus at random moments during data-key rotations and root key rekeys, under concurrent
 * writes, with real keepers: every acknowledged write is readable afterwards, the rotation finishes after
 * the restarts, the keepers converge on one root key, and a backup taken before the rekeys opens with the
 * recovery files of its time.
 */
class KeyLifecycleSigkillTest {
    /** Kills per phase. A random seed each run covers new moments; -Dspike.e2e.keyKillRounds=20 for a deep run. */
    private static final int ROUNDS = Integer.getInteger("spike.e2e.keyKillRounds", 8);
    private static final int WRITERS = 4;
    private static final Duration SETTLE = Duration.ofSeconds(120);

    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    @Test
    void nothingAcknowledgedIsLostAndTheKeysConverge() throws Exception {
        long seed = Long.getLong("spike.e2e.seed", System.nanoTime());
        System.out.println("[e2e] key lifecycle kill test, seed " + seed + " (-Dspike.e2e.seed to repeat)");
        Random random = new Random(seed);
        try (LocalStack stack = new LocalStack(3)) {
            stack.nexusEnv("SPIKE_NEXUS_KEY_ROTATION_BATCH_SIZE", "25"); // a rotation spans many batches
            stack.nexusEnv("SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL", "1s");
            stack.startIdentity().startKeepers();
            stack.startNexus();
            stack.awaitNexusReady(LocalStack.READY_LIMIT);
            try (SpikeClient client = superuser(stack)) {
                writeConcurrently(client, 1500);
            }
            Path backup = stack.root.resolve("before-rekey.db");
            assertOk(stack.spike("superuser", "operator", "backup", "-o", backup.toString()));
            List<String> inBackup = List.copyOf(acknowledged.keySet());
            assertOk(stack.spike("recover", "operator", "recover"));
            Path oldFiles = Files.move(stack.root.resolve("recover"), stack.root.resolve("recover-before-rekey"));

            for (int round = 0; round < ROUNDS; round++) {
                killDuring(stack, random.nextInt(1500), SpikeClient::rotate);
            }
            awaitRotationDone(stack);
            assertEveryAcknowledgedWriteReadable(stack);

            for (int round = 0; round < ROUNDS; round++) {
                // A rekey's window is its one write and a push to three keepers: kill within it, or just after.
                killDuring(stack, random.nextInt(30), SpikeClient::rekey);
            }
            List<String> log = Files.readAllLines(stack.log("nexus"));
            long resumed = log.stream().filter(line -> line.contains("a root key rekey was under way")).count();
            long mixed = log.stream().filter(line -> line.contains("were not needed")).count();
            System.out.println("[e2e] " + resumed + " restarts found a rekey under way and finished it; " + mixed
                    + " rebuilt the key from a combination other than the first shards");
            awaitKeepersConverged(stack);
            try (SpikeClient client = superuser(stack)) {
                KeysResponse keys = client.keys();
                System.out.println("[e2e] rekeys done: root epoch " + keys.rootEpoch());
                assertTrue(keys.rootEpoch() > 1, "no rekey got through");
                assertTrue(!keys.rekeyUnderWay());
            }
            assertEveryAcknowledgedWriteReadable(stack);

            restoreBackupWithItsRecoveryFiles(stack, backup, oldFiles, inBackup);
        }
    }

    /** Writers put secrets while {@code action} runs; Nexus is SIGKILLed after {@code delayMs}, then restarted. */
    private void killDuring(LocalStack stack, int delayMs, Action action) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try (SpikeClient client = superuser(stack); SpikeClient operator = superuser(stack)) {
            operator.keys(); // connected and warm, so the delay below counts from the request itself
            for (int w = 0; w < WRITERS; w++) {
                pool.submit(() -> writeUntil(client, stop));
            }
            pool.submit(() -> {
                try {
                    action.run(operator);
                } catch (RuntimeException e) {
                    // killed before it answered: the outcome is checked after the restart
                }
            });
            Thread.sleep(delayMs);
            stack.kill9("nexus");
            stop.set(true);
            pool.shutdown();
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        stack.startNexus();
        stack.awaitNexusReady(LocalStack.READY_LIMIT);
    }

    private interface Action {
        void run(SpikeClient client);
    }

    private void writeUntil(SpikeClient client, AtomicBoolean stop) {
        while (!stop.get()) {
            int n = sequence.incrementAndGet();
            String path = "keys/w/" + n;
            String value = "value-" + n;
            try {
                client.putSecret(path, Map.of("v", value));
                acknowledged.put(path, value);
            } catch (RuntimeException e) {
                return; // Nexus is gone; an unacknowledged write may or may not be stored
            }
        }
    }

    private void writeConcurrently(SpikeClient client, int count) throws Exception {
        List<java.util.concurrent.Future<?>> writers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < 8; w++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < count / 8; i++) {
                        int n = sequence.incrementAndGet();
                        client.putSecret("keys/seed/" + n, Map.of("v", "seed-" + n));
                        acknowledged.put("keys/seed/" + n, "seed-" + n);
                    }
                    return null;
                }));
            }
        }
        for (var writer : writers) {
            writer.get(); // a failed seed write fails the test here, with its cause
        }
        assertEquals(count / 8 * 8, acknowledged.size());
    }

    private void awaitRotationDone(LocalStack stack) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        KeysResponse keys = null;
        try (SpikeClient client = superuser(stack)) {
            while (System.nanoTime() < deadline) {
                keys = client.keys();
                assertTrue(!"failed".equals(keys.phase()), () -> "rotation failed: " + stack.logTail("nexus"));
                boolean retiring = keys.generations().stream()
                        .anyMatch(g -> g.purpose().equals("storage") && g.state().equals("decrypt-only"));
                if (keys.phase().equals("idle") && !retiring) {
                    System.out.println("[e2e] rotations done: generation " + keys.activeGeneration());
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the rotation did not finish after the restarts: " + keys);
    }

    /** Every keeper holds the shard of the root key Nexus exports, and any two of them rebuild it. */
    private static void awaitKeepersConverged(LocalStack stack) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String last = "";
        try (KeeperProbe probe = new KeeperProbe(stack)) {
            while (System.nanoTime() < deadline) {
                assertOk(stack.spike("recover", "operator", "recover"));
                Path dir = stack.root.resolve("recover");
                List<Share> exported = new ArrayList<>();
                for (int id = 1; id <= 3; id++) {
                    exported.add(ShareFormat.parse(Files.readString(dir.resolve("spike.recovery." + id + ".txt"))));
                }
                deleteRecursively(dir);
                int matching = 0;
                for (int id = 1; id <= 3; id++) {
                    byte[] held = probe.shard(stack.keeperPorts[id - 1]);
                    if (held != null && java.util.Arrays.equals(held, exported.get(id - 1).value())) {
                        matching++;
                    }
                }
                SecretBytes a = Shamir.recover(List.of(exported.get(0), exported.get(1)), 2);
                SecretBytes b = Shamir.recover(List.of(exported.get(1), exported.get(2)), 2);
                assertTrue(a.sameAs(b));
                if (matching == 3) {
                    System.out.println("[e2e] keepers converged on one root key");
                    return;
                }
                last = matching + " of 3 keepers hold the exported key's shard";
                Thread.sleep(500);
            }
        }
        throw new AssertionError("keepers did not converge: " + last + "\n" + stack.logTail("nexus"));
    }

    private void assertEveryAcknowledgedWriteReadable(LocalStack stack) {
        System.out.println("[e2e] checking " + acknowledged.size() + " acknowledged writes");
        try (SpikeClient client = superuser(stack)) {
            for (var e : acknowledged.entrySet()) {
                assertEquals(Map.of("v", e.getValue()), client.getSecret(e.getKey()), e.getKey());
            }
        }
    }

    /** Total loss, then the backup of before the rekeys with the recovery files of that time. */
    private static void restoreBackupWithItsRecoveryFiles(LocalStack stack, Path backup, Path oldFiles,
            List<String> inBackup) throws Exception {
        stack.kill9("nexus");
        for (int i = 1; i <= 3; i++) {
            stack.kill9("keeper-" + i);
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(stack.dataDir.resolve("spike.db" + suffix));
        }
        Files.copy(backup, stack.dataDir.resolve("spike.db"));
        stack.startKeepers();
        stack.startNexus();
        for (int id : new int[] {1, 3}) {
            String file = Files.readString(oldFiles.resolve("spike.recovery." + id + ".txt"));
            long deadline = System.nanoTime() + LocalStack.READY_LIMIT.toNanos();
            Processes.Result r = stack.spikeWithInput("restore", file, "operator", "restore");
            while (r.exitCode() != 0 && System.nanoTime() < deadline) { // until Nexus listens
                Thread.sleep(300);
                r = stack.spikeWithInput("restore", file, "operator", "restore");
            }
            assertOk(r);
        }
        stack.awaitNexusReady(LocalStack.READY_LIMIT);
        try (SpikeClient client = superuser(stack)) {
            for (String path : inBackup) {
                assertNotNull(client.getSecret(path), path);
            }
        }
        System.out.println("[e2e] the pre-rekey backup opened with the pre-rekey recovery files");
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private static void assertOk(Processes.Result r) {
        assertEquals(0, r.exitCode(), r::toString);
    }

    private static SpikeClient superuser(LocalStack stack) {
        return SpikeClient.connect(IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", stack.socket("superuser"))),
                URI.create("https://localhost:" + stack.nexusPort), Roles.defaults());
    }
}
