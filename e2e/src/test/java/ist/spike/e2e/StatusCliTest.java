package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.wire.WireJson;
import ist.spike.common.wire.operator.StatusResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The real {@code spike status} against real Nexus and keeper processes: exit 0 only while healthy, 3 with
 * the problem when a keeper is gone for longer than the sync interval, and no secret in any format.
 */
class StatusCliTest {
    /** Several sync intervals of 1 s, on a loaded machine. */
    private static final Duration CHANGE_LIMIT = Duration.ofSeconds(60);

    @Test
    void healthyWhileEveryKeeperHoldsItsShardUnhealthyWhenOneIsGoneAndSealedWithoutThem() throws Exception {
        try (LocalStack stack = new LocalStack(3)) {
            stack.nexusEnv("SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL", "1s");
            stack.startIdentity().startKeepers().startNexus();
            stack.awaitNexusReady(LocalStack.READY_LIMIT);

            Processes.Result json = until(stack, r -> r.exitCode() == 0, "-f", "json");
            StatusResponse healthy = WireJson.read(json.stdout().getBytes(StandardCharsets.UTF_8),
                    StatusResponse.class);
            assertTrue(healthy.ready() && healthy.healthy(), json::toString);
            assertEquals(List.of(), healthy.problems());
            assertEquals("sqlite", healthy.backend());
            assertEquals(1, healthy.keys().rootEpoch());
            assertEquals(3, healthy.keepers().size());
            for (StatusResponse.Keeper k : healthy.keepers()) {
                assertTrue(k.holdsShard() && k.reachable(), k::toString);
                assertEquals("https://localhost:" + stack.keeperPorts[k.slot() - 1], k.address());
            }
            assertEquals(1, healthy.keeperSyncIntervalSeconds());
            assertTrue(healthy.warnings().contains(
                    "No recovery export is known: run 'spike operator recover' and keep the files offline."));

            Processes.Result human = stack.spike("superuser", "status");
            assertEquals(0, human.exitCode(), human::toString);
            assertEquals("", human.stderr());
            assertTrue(human.stdout().contains(": healthy\nReady       : yes\n"), human::toString);
            assertTrue(human.stdout().contains("Keepers     : 3, pushed every 1s\n"), human::toString);
            assertEquals(3, human.stdout().lines().filter(l -> l.contains("holds its shard")).count(), human::toString);

            Processes.Result yaml = stack.spike("superuser", "status", "-f", "yaml");
            assertEquals(0, yaml.exitCode(), yaml::toString);
            assertTrue(yaml.stdout().contains("healthy: true\n"), yaml::toString);

            // Not the superuser: refused like every operator command, nothing of Nexus's state shown.
            Processes.Result recover = stack.spike("recover", "status");
            assertEquals(2, recover.exitCode(), recover::toString);
            assertEquals("", recover.stdout());
            assertEquals("Error: Unauthorized access: this SPIFFE ID may not do that.\n", recover.stderr());

            stack.kill9("keeper-2");
            Processes.Result down = until(stack, r -> r.exitCode() != 0);
            assertEquals(3, down.exitCode(), down::toString);
            assertTrue(down.stdout().startsWith("SPIKE Nexus "), down::toString);
            assertTrue(down.stdout().contains(": UNHEALTHY\n"), down::toString);
            assertTrue(down.stdout().contains("Problems:\n  - Keeper slot 2 does not hold its shard.\n"),
                    down::toString);
            assertTrue(down.stdout().contains("  2. https://localhost:" + stack.keeperPorts[1]
                    + "  NO SHARD (unreachable)"), down::toString);
            Processes.Result downJson = stack.spike("superuser", "status", "-f", "json");
            assertEquals(3, downJson.exitCode(), downJson::toString);
            assertFalse(WireJson.read(downJson.stdout().getBytes(StandardCharsets.UTF_8), StatusResponse.class)
                    .healthy());

            stack.startKeeper(2);
            until(stack, r -> r.exitCode() == 0);

            // Nexus restarted with every keeper gone: sealed, and status still answers and says so.
            stack.kill9("keeper-1");
            stack.kill9("keeper-2");
            stack.kill9("keeper-3");
            stack.kill9("nexus");
            stack.startNexus();
            Processes.Result sealed = until(stack, r -> r.exitCode() == 3);
            assertTrue(sealed.stdout().contains("Ready       : no (sealed: waiting for the root key"), sealed::toString);
            assertTrue(sealed.stdout().contains("  - Nexus is not ready: sealed"), sealed::toString);
        }
    }

    @Test
    void noSecretPathOrValueInAnyFormat() throws Exception {
        try (LocalStack stack = LocalStack.inMemoryNexus(java.util.Map.of())) {
            Processes.Result put = stack.spike("superuser", "secret", "put", "marker-path-c31f/db",
                    "marker-key-9a02=marker-value-e7b5");
            assertEquals(0, put.exitCode(), put::toString);
            assertEquals(0, stack.spike("superuser", "secret", "get", "marker-path-c31f/db").exitCode());
            for (String format : new String[] {"human", "json", "yaml"}) {
                Processes.Result r = stack.spike("superuser", "status", "-f", format);
                assertEquals(0, r.exitCode(), r::toString);
                for (String marker : new String[] {"marker", "c31f", "9a02", "e7b5", "spiffe://", "spike.ist"}) {
                    assertFalse(r.stdout().contains(marker), marker + " in " + format + ":\n" + r.stdout());
                }
            }
        }
    }

    /** Runs {@code spike status args} as the superuser until {@code done} holds; fails after the limit. */
    private static Processes.Result until(LocalStack stack, Predicate<Processes.Result> done, String... args)
            throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "status";
        System.arraycopy(args, 0, command, 1, args.length);
        long deadline = System.nanoTime() + CHANGE_LIMIT.toNanos();
        Processes.Result last;
        do {
            last = stack.spike("superuser", command);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("spike " + String.join(" ", command) + " did not change within " + CHANGE_LIMIT
                + "; last: " + last + "\n--- nexus log\n" + stack.logTail("nexus"));
    }
}
