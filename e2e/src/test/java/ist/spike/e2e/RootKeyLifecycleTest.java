package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.shamir.Shamir;
import ist.spike.common.shamir.Share;
import ist.spike.common.shamir.ShareFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The root key's life with real processes and real SIGKILLs: first boot, Nexus crash recovery with no
 * human, keeper crash and re-hydration, total loss and operator restore, a foreign shard refused, and
 * no key material in any file the programs wrote. One stack, steps in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RootKeyLifecycleTest {
    private static LocalStack stack;
    private static KeeperProbe probe;
    private static final List<Share> recovered = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        stack = new LocalStack(3);
        stack.startIdentity().startKeepers();
        stack.startNexus();
        probe = new KeeperProbe(stack);
    }

    @AfterAll
    static void stop() throws Exception {
        if (probe != null) {
            probe.close();
        }
        stack.close();
    }

    private static void assertOk(Processes.Result r) {
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    @Order(1)
    void firstBootServesSecrets() throws Exception {
        long ms = stack.awaitNexusReady(LocalStack.READY_LIMIT);
        System.out.println("[e2e] first boot: Nexus ready " + ms + " ms after the first probe");
        assertOk(stack.spike("superuser", "secret", "put", "apps/db", "user=admin", "pass=hunter2"));
        assertOk(stack.spike("superuser", "secret", "put", "apps/db", "user=admin", "pass=hunter3"));
        assertOk(stack.spike("superuser", "secret", "put", "apps/cache", "token=abc"));
    }

    @Test
    @Order(2)
    void recoverExportsShardsThatMatchTheKeepers() throws Exception {
        assertOk(stack.spike("recover", "operator", "recover"));
        Path dir = stack.root.resolve("recover");
        for (int id = 1; id <= 3; id++) {
            Path file = dir.resolve("spike.recovery." + id + ".txt");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file)));
            String text = Files.readString(file);
            assertTrue(text.matches("spike:" + id + ":[0-9a-f]{64}"), "file format");
            recovered.add(ShareFormat.parse(text));
        }
        // The exported shards rebuild a key whose derived shares are exactly the exported ones...
        SecretBytes key = Shamir.recover(List.of(recovered.get(0), recovered.get(2)), 2);
        List<Share> derived = Shamir.split(key, 2, 3);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(recovered.get(i).value(), derived.get(i).value());
            // ...and exactly what each keeper holds.
            assertArrayEquals(recovered.get(i).value(), probe.shard(stack.keeperPorts[i]), "keeper " + (i + 1));
        }
        // Only the recover role may export shards.
        assertEquals(2, stack.spike("superuser", "operator", "recover").exitCode());
    }

    @Test
    @Order(3)
    void nexusRestartsAfterSigkillWithNoHuman() throws Exception {
        stack.kill9("nexus");
        stack.startNexus();
        long ms = stack.awaitNexusReady(LocalStack.READY_LIMIT);
        System.out.println("[e2e] Nexus restart after SIGKILL: first successful read " + ms + " ms after start");
        Processes.Result get = stack.spike("superuser", "secret", "get", "apps/db");
        assertOk(get);
        assertEquals("pass: hunter3\nuser: admin\n", get.stdout());
    }

    @Test
    @Order(4)
    void aKilledKeeperIsRehydratedWithin10Seconds() throws Exception {
        stack.kill9("keeper-2");
        assertOk(stack.spike("superuser", "secret", "get", "apps/cache"));
        stack.startKeeper(2);
        long started = System.nanoTime();
        long answering = 0;
        byte[] held = null;
        while (held == null && System.nanoTime() - started < Duration.ofSeconds(60).toNanos()) {
            Thread.sleep(100);
            KeeperProbe.Answer answer = probe.ask(stack.keeperPorts[1]);
            if (answer.reachable() && answering == 0) {
                answering = System.nanoTime();
            }
            held = answer.shard();
        }
        long total = (System.nanoTime() - started) / 1_000_000;
        long sinceUp = answering == 0 ? -1 : (System.nanoTime() - answering) / 1_000_000;
        System.out.println("[e2e] restarted keeper holds its shard again " + total + " ms after its start, "
                + sinceUp + " ms after it first answered");
        assertNotNull(held, "keeper 2 was not re-hydrated");
        assertArrayEquals(recovered.get(1).value(), held);
        assertTrue(sinceUp < 10_000, "re-hydration took " + sinceUp + " ms after the keeper came up");
    }

    @Test
    @Order(5)
    void totalLossWaitsForRestoreAndRefusesAForeignShard() throws Exception {
        stack.kill9("nexus");
        stack.kill9("keeper-1");
        stack.kill9("keeper-2");
        stack.startKeeper(1);
        stack.startKeeper(2);
        stack.startNexus();
        Processes.Result notReady = waitForAnswer();
        assertEquals(2, notReady.exitCode(), notReady::toString);
        assertTrue(notReady.stderr().contains("not ready"), notReady::toString);

        // A shard of another system's key: accepted as one of two, then the pair fails the key-check.
        SecretBytes otherKey = Shamir.newRootKey();
        String foreign = ShareFormat.format(Shamir.split(otherKey, 2, 3).get(0));
        Processes.Result first = stack.spikeWithInput("restore", foreign, "operator", "restore");
        assertOk(first);
        assertTrue(first.stdout().contains("Shards remaining:  1"), first::toString);
        Processes.Result second = stack.spikeWithInput("restore", ShareFormat.format(recovered.get(1)),
                "operator", "restore");
        assertEquals(2, second.exitCode(), second::toString);
        assertEquals(2, stack.spike("superuser", "secret", "list").exitCode(), "still not ready");

        // The operator's own files bring it back with all data.
        Processes.Result one = stack.spikeWithInput("restore",
                Files.readString(stack.root.resolve("recover/spike.recovery.1.txt")), "operator", "restore");
        assertOk(one);
        assertTrue(one.stdout().contains("Shards collected:  1"), one::toString);
        Processes.Result two = stack.spikeWithInput("restore",
                Files.readString(stack.root.resolve("recover/spike.recovery.3.txt")), "operator", "restore");
        assertOk(two);
        assertTrue(two.stdout().contains("restored"), two::toString);
        Processes.Result get = stack.spike("superuser", "secret", "get", "apps/db", "pass");
        assertOk(get);
        assertEquals("hunter3", get.stdout()); // a [key] is written raw
        assertEquals("pass: hunter2\nuser: admin\n",
                stack.spike("superuser", "secret", "get", "apps/db", "--version", "1").stdout());

        // Keepers get their shards back right after the restore.
        for (int i = 0; i < 3; i++) {
            byte[] held = null;
            for (int attempt = 0; attempt < 50 && held == null; attempt++) {
                held = probe.shard(stack.keeperPorts[i]);
                if (held == null) {
                    Thread.sleep(200);
                }
            }
            assertArrayEquals(recovered.get(i).value(), held, "keeper " + (i + 1) + " after restore");
        }
        // Restore is refused once the key is present.
        assertEquals(2, stack.spikeWithInput("restore", ShareFormat.format(recovered.get(0)),
                "operator", "restore").exitCode());
    }

    @Test
    @Order(6)
    void noKeyMaterialInAnyFileTheProgramsWrote() throws Exception {
        SecretBytes key = Shamir.recover(List.of(recovered.get(0), recovered.get(1)), 2);
        List<byte[]> needles = new ArrayList<>();
        addForms(needles, key.copyRawBytes());
        for (Share share : recovered) {
            addForms(needles, share.value());
        }
        List<Path> files = stack.writtenFiles();
        assertFalse(files.isEmpty());
        for (Path file : files) {
            if (file.startsWith(stack.root.resolve("recover")) || file.toString().endsWith(".sock")) {
                continue;
            }
            byte[] content = Files.readAllBytes(file);
            for (byte[] needle : needles) {
                assertFalse(indexOf(content, needle) >= 0, "key material found in " + file);
            }
        }
    }

    /** Raw bytes, hex, base64 and the JSON-array form a shard has on the wire. */
    private static void addForms(List<byte[]> needles, byte[] value) {
        needles.add(value);
        needles.add(HexFormat.of().formatHex(value).getBytes(StandardCharsets.US_ASCII));
        needles.add(Base64.getEncoder().encodeToString(value).getBytes(StandardCharsets.US_ASCII));
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < value.length; i++) {
            json.append(i == 0 ? "" : ",").append(value[i] & 0xff);
        }
        needles.add(json.append("]").toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Waits until Nexus answers at all (it may still be starting), returning the first real answer. */
    private static Processes.Result waitForAnswer() throws Exception {
        Processes.Result r = null;
        for (int i = 0; i < 60; i++) {
            r = stack.spike("superuser", "secret", "list");
            if (!r.stderr().contains("Failed to connect")) {
                return r;
            }
            Thread.sleep(500);
        }
        return r;
    }
}
