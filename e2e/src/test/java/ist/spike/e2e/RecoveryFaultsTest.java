package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Recovery when something is wrong, with real processes: a keeper holding a wrong shard neither blocks
 * recovery nor stays unnamed, and a damaged database file leaves Nexus sealed with one clear ERROR line,
 * retrying until the file is good again, with no restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryFaultsTest {
    private static LocalStack stack;
    private static KeeperProbe probe;

    @BeforeAll
    static void start() throws Exception {
        stack = new LocalStack(3);
        stack.nexusEnv("SPIKE_NEXUS_RECOVERY_MAX_INTERVAL", "1s");
        stack.startIdentity().startKeepers();
        stack.startNexus();
        stack.awaitNexusReady(LocalStack.READY_LIMIT);
        assertEquals(0, stack.spike("superuser", "secret", "put", "apps/db", "pass=hunter2").exitCode());
        probe = new KeeperProbe(stack);
    }

    @AfterAll
    static void stop() throws Exception {
        if (probe != null) {
            probe.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aKeeperWithAWrongShardIsNamedAndDoesNotBlockRecovery() throws Exception {
        byte[] good = probe.shard(stack.keeperPorts[0]);
        stack.kill9("nexus");
        byte[] wrong = new byte[32];
        new Random(7).nextBytes(wrong);
        probe.contribute(stack.keeperPorts[0], wrong);
        assertArrayEquals(wrong, probe.shard(stack.keeperPorts[0]));

        // Keeper 3 is frozen, so Nexus first gets the shards of keepers 1 and 2, which do not fit; it
        // thaws once Nexus says it asks every keeper, and {2, 3} must then open the store.
        signal("STOP", stack.process("keeper-3"));
        try {
            stack.startNexus();
            awaitLog("nexus", "do not rebuild this store's root key", Duration.ofSeconds(120));
        } finally {
            signal("CONT", stack.process("keeper-3"));
        }
        stack.awaitNexusReady(LocalStack.READY_LIMIT);
        assertEquals("hunter2", stack.spike("superuser", "secret", "get", "apps/db", "pass").stdout());
        String log = Files.readString(stack.log("nexus"));
        assertTrue(log.contains("keeper 1 (https://localhost:" + stack.keeperPorts[0] + ") gave a shard that does "
                + "not belong to the root key"), () -> stack.logTail("nexus"));

        // Nexus's sync puts the right shard back.
        byte[] held = null;
        for (int i = 0; i < 100 && (held == null || !java.util.Arrays.equals(held, good)); i++) {
            Thread.sleep(200);
            held = probe.shard(stack.keeperPorts[0]);
        }
        assertArrayEquals(good, held, "keeper 1 got its right shard back");
    }

    @Test
    @Order(2)
    void aDamagedDatabaseIsReportedOnceAndRetriedUntilItIsGood() throws Exception {
        stack.kill9("nexus");
        Path saved = Files.createDirectories(stack.root.resolve("saved"));
        List<String> files = List.of("spike.db", "spike.db-wal", "spike.db-shm");
        for (String name : files) {
            if (Files.exists(stack.dataDir.resolve(name))) {
                Files.copy(stack.dataDir.resolve(name), saved.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        byte[] garbage = new byte[64 * 1024];
        new Random(11).nextBytes(garbage);
        Files.write(stack.dataDir.resolve("spike.db"), garbage);
        Files.deleteIfExists(stack.dataDir.resolve("spike.db-wal"));
        Files.deleteIfExists(stack.dataDir.resolve("spike.db-shm"));
        long logStart = Files.size(stack.log("nexus"));

        stack.startNexus();
        awaitLog("nexus", "cannot open the store", Duration.ofSeconds(120));
        Thread.sleep(5_000); // several retries at the 1 s backoff cap
        assertTrue(stack.process("nexus").isAlive(), "Nexus kept running");
        Processes.Result sealed = stack.spike("superuser", "secret", "get", "apps/db", "pass");
        assertEquals(2, sealed.exitCode(), sealed::toString);
        assertTrue(sealed.stderr().contains("not ready"), sealed::toString);
        String log = Files.readString(stack.log("nexus")).substring((int) logStart);
        List<String> errors = log.lines().filter(l -> l.contains("ERROR")).toList();
        assertEquals(1, errors.size(), () -> "one ERROR line, got:\n" + log);
        assertTrue(errors.get(0).contains("spike.db"), errors::toString);
        assertTrue(log.lines().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception in thread")),
                () -> "no stack trace:\n" + log);

        // Put the good files back: the same process opens the store on a later retry.
        for (String name : files) {
            if (Files.exists(saved.resolve(name))) {
                Files.copy(saved.resolve(name), stack.dataDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        stack.awaitNexusReady(Duration.ofSeconds(60));
        assertEquals("hunter2", stack.spike("superuser", "secret", "get", "apps/db", "pass").stdout());
        assertTrue(Files.readString(stack.log("nexus")).contains("the store opened after"));
    }

    private static void awaitLog(String name, String text, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.readString(stack.log(name)).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no \"" + text + "\" in the " + name + " log:\n" + stack.logTail(name));
            }
            Thread.sleep(50);
        }
    }

    private static void signal(String signal, Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }
}
