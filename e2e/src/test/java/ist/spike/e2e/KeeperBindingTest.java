package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Keepers bound to their slots (docs/adr/0014-keeper-binding.md), with real processes: an attacker who holds one
 * keeper SVID and can redirect Nexus's connections to keeper URLs runs keeper processes with that SVID there.
 */
class KeeperBindingTest {
    private static final String KEEPER_1 = "spiffe://spike.ist/spike/keeper/1";
    private static final String KEEPER_2 = "spiffe://spike.ist/spike/keeper/2";
    private static final String KEEPER_3 = "spiffe://spike.ist/spike/keeper/3";
    private static final Duration LOG_LIMIT = Duration.ofSeconds(120);

    /** Keeper 1's URL now reaches a keeper with keeper 2's SVID: Nexus's pushes stop at the handshake. */
    @Test
    void anImpostorAtABoundKeepersUrlIsGivenNoShard() throws Exception {
        try (LocalStack stack = new LocalStack(3).startIdentity(); KeeperProbe probe = new KeeperProbe(stack)) {
            stack.nexusEnv("SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL", "1s");
            stack.startKeepers().startNexus();
            stack.awaitNexusReady(LocalStack.READY_LIMIT);
            assertNotNull(probe.shard(stack.keeperPorts[0]), "keeper 1 holds its shard after the first boot");

            Predicate<String> received = line -> line.contains("shard received");
            long receivedByTheRealKeeper = count(stack.log("keeper-1"), received); // the impostor logs to the same file
            stack.kill9("keeper-1");
            stack.startKeeperAs(1, "keeper-2");
            // Logged when a push reaches the impostor and the handshake refuses it.
            String error = awaitLogLine(stack, "nexus", line -> line.contains("ERROR")
                    && line.contains("keeper 1 ") && line.contains(KEEPER_1) && line.contains(KEEPER_2));
            assertTrue(error.contains("refused in the TLS handshake"), error);

            KeeperProbe.Answer impostor = probe.ask(stack.keeperPorts[0]);
            assertTrue(impostor.reachable(), "the impostor is up");
            assertNull(impostor.shard(), "the impostor holds no shard");
            assertEquals(receivedByTheRealKeeper, count(stack.log("keeper-1"), received), "the impostor received nothing");
        }
    }

    /**
     * Every keeper URL answers with keeper 3's SVID and "I hold nothing", on a fresh store: unbound, Nexus would
     * take that for a first boot and hand all three shards to the attacker. Bound, keepers 1 and 2 are refused in
     * the handshake, so not every keeper answered and Nexus waits.
     */
    @Test
    void answeringEmptyEverywhereDoesNotStartAFirstBootOntoImpostors() throws Exception {
        try (LocalStack stack = new LocalStack(3).startIdentity(); KeeperProbe probe = new KeeperProbe(stack)) {
            stack.nexusEnv("SPIKE_NEXUS_RECOVERY_MAX_INTERVAL", "1s");
            for (int i = 1; i <= 3; i++) {
                stack.startKeeperAs(i, "keeper-3");
            }
            for (int i = 1; i <= 3; i++) {
                awaitLogLine(stack, "keeper-" + i, line -> line.contains("keeper listening"));
            }
            stack.startNexus();
            for (String slot : List.of(KEEPER_1, KEEPER_2)) {
                awaitLogLine(stack, "nexus", line -> line.contains("ERROR") && line.contains(slot)
                        && line.contains("presented " + KEEPER_3));
            }
            // A later round, after both refusals: still waiting.
            Predicate<String> waiting = line -> line.contains("waiting for every keeper to answer");
            awaitCount(stack, waiting, count(stack, waiting) + 1);
            assertEquals(0, count(stack, line -> line.contains("first boot:")), "no first boot");
            assertEquals(1, count(stack, line -> line.contains("ERROR") && line.contains(KEEPER_1)),
                    "one ERROR line per keeper and presented ID, however many rounds were refused");
            for (int i = 1; i <= 3; i++) {
                assertNull(probe.shard(stack.keeperPorts[i - 1]), "impostor " + i + " holds no shard");
            }
            assertNotEquals(0, stack.spike("superuser", "secret", "list").exitCode(), "Nexus is not serving");
        }
    }

    /** The same attack against bare URLs, as upstream: the attacker's one SVID is given every shard. */
    @Test
    void withoutBindingOneKeeperSvidIsGivenEveryShard() throws Exception {
        try (LocalStack stack = new LocalStack(3).unboundKeepers().startIdentity();
                KeeperProbe probe = new KeeperProbe(stack)) {
            for (int i = 1; i <= 3; i++) {
                stack.startKeeperAs(i, "keeper-3");
            }
            stack.startNexus();
            stack.awaitNexusReady(LocalStack.READY_LIMIT);
            assertEquals(1, count(stack, line -> line.contains("first boot:")));
            for (int i = 1; i <= 3; i++) {
                assertNotNull(probe.shard(stack.keeperPorts[i - 1]), "impostor " + i + " holds a shard");
            }
        }
    }

    /** Upstream's bare URLs: any keeper ID at any URL, as before, and a WARN at start that says what that risks. */
    @Test
    void unboundPeersStillWorkAndWarn() throws Exception {
        try (LocalStack stack = new LocalStack(3).unboundKeepers().startIdentity();
                KeeperProbe probe = new KeeperProbe(stack)) {
            stack.startKeepers().startNexus();
            stack.awaitNexusReady(LocalStack.READY_LIMIT);
            String warn = awaitLogLine(stack, "nexus", line -> line.contains("WARN")
                    && line.contains("not bound to a SPIFFE ID"));
            assertTrue(warn.contains("[1, 2, 3]"), warn);
            for (int i = 1; i <= 3; i++) {
                assertNotNull(probe.shard(stack.keeperPorts[i - 1]), "keeper " + i + " (shared ID) holds its shard");
            }
            assertFalse(Files.readString(stack.log("nexus")).contains("ERROR"));
        }
    }

    private static String awaitLogLine(LocalStack stack, String name, Predicate<String> wanted) throws Exception {
        long deadline = System.nanoTime() + LOG_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(stack.log(name))) {
                for (String line : Files.readAllLines(stack.log(name))) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no such line in " + name + " within " + LOG_LIMIT + "\n--- " + name + " log\n"
                + stack.logTail(name));
    }

    private static void awaitCount(LocalStack stack, Predicate<String> wanted, long atLeast) throws Exception {
        long deadline = System.nanoTime() + LOG_LIMIT.toNanos();
        while (count(stack, wanted) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + atLeast + " such lines within " + LOG_LIMIT
                        + "\n--- nexus log\n" + stack.logTail("nexus"));
            }
            Thread.sleep(200);
        }
    }

    private static long count(LocalStack stack, Predicate<String> wanted) throws IOException {
        return count(stack.log("nexus"), wanted);
    }

    private static long count(java.nio.file.Path log, Predicate<String> wanted) throws IOException {
        return Files.readAllLines(log).stream().filter(wanted).count();
    }
}
