package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * hack/stack-stop.sh and hack/stack-start.sh keep the local stack's secrets: stop exports the recovery
 * shards, start restores them and deletes them. What cannot be recovered is reported at once. Runs the
 * real scripts with an almost empty environment, as a fresh shell or cron would.
 */
class StackRestartScriptTest {
    /** Five JVMs starting on a loaded 2-core machine. */
    private static final Duration START_LIMIT = Duration.ofMinutes(4);
    private static final Duration STOP_LIMIT = Duration.ofMinutes(2);
    /** Nothing is started when nothing can be recovered, so the answer must come at once. */
    private static final Duration FAIL_FAST_LIMIT = Duration.ofSeconds(30);

    private final int nexusPort = Processes.freePort();

    @Test
    void theSecretsSurviveAStopAndAStartAndWhatIsLostIsSaidAtOnce() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "stack");
        Path home = Files.createTempDirectory("stack-home");
        Map<String, String> env = env(dir, home);
        Path recovery = dir.resolve("recovery");
        try {
            run(env, START_LIMIT, "hack/stack-start.sh", "--no-build").assertExit(0);
            assertEquals(0, spike(dir, "secret", "put", "app/db", "pass=kept-overnight").exitCode());

            Repo.Result stop = run(env, STOP_LIMIT, "hack/stack-stop.sh").assertExit(0);
            assertTrue(stop.stdout().contains("recovery shards to " + recovery), stop::toString);
            assertTrue(stop.stdout().contains("development only"), stop::toString);
            assertEquals("rwx------", permissions(recovery));
            List<Path> shards = shardFiles(recovery);
            assertEquals(3, shards.size(), shards::toString);
            for (Path shard : shards) {
                assertEquals("rw-------", permissions(shard), shard::toString);
            }

            // Shard files gone: refused before anything starts.
            Path aside = Files.createTempDirectory("shards-aside");
            for (Path shard : shards) {
                Files.move(shard, aside.resolve(shard.getFileName()));
            }
            assertCannotRecoverAtOnce(env, dir);
            for (Path shard : shardFiles(aside)) {
                Files.move(shard, recovery.resolve(shard.getFileName()));
            }
            Files.delete(aside);

            Repo.Result start = run(env, START_LIMIT, "hack/stack-start.sh", "--no-build").assertExit(0);
            assertTrue(start.stdout().contains("Nexus has its root key back"), start::toString);
            assertEquals(List.of(), shardFiles(recovery), "the shard files outlived the start");
            assertReadsBack(dir);

            // Nexus alone killed: its keepers still hold the shards, and a start brings Nexus back.
            kill9Nexus(dir);
            start = run(env, START_LIMIT, "hack/stack-start.sh", "--no-build").assertExit(0);
            assertTrue(start.stdout().contains("starting Nexus alone"), start::toString);
            assertReadsBack(dir);

            // Nexus killed, then a stop: nothing could be exported, and the next start says so at once.
            kill9Nexus(dir);
            stop = run(env, STOP_LIMIT, "hack/stack-stop.sh").assertExit(0);
            assertTrue(stop.stdout().contains("no recovery shards were exported"), stop::toString);
            assertEquals(List.of(), shardFiles(recovery));
            assertCannotRecoverAtOnce(env, dir);

            run(env, STOP_LIMIT, "hack/stack-stop.sh", "--purge").assertExit(0);
            assertFalse(Files.exists(dir), "--purge left " + dir);
        } finally {
            run(env, STOP_LIMIT, "hack/stack-stop.sh", "--purge");
            deleteTree(dir);
            deleteTree(home);
        }
    }

    private void assertCannotRecoverAtOnce(Map<String, String> env, Path dir) {
        Repo.Result refused = run(env, FAIL_FAST_LIMIT, "hack/stack-start.sh", "--no-build").assertExit(1);
        assertTrue(refused.stderr().contains("has no recovery shards, so its root key is gone"), refused::toString);
        assertTrue(refused.stderr().contains("hack/stack-stop.sh --purge && hack/stack-start.sh"), refused::toString);
        assertFalse(Files.exists(dir.resolve("pids/nexus.pid")), "a start that cannot recover started Nexus");
    }

    private void assertReadsBack(Path dir) throws IOException, InterruptedException {
        Processes.Result got = spike(dir, "secret", "get", "app/db", "pass");
        assertEquals(0, got.exitCode(), got::toString);
        assertEquals("kept-overnight", got.stdout().strip(), got::toString);
    }

    private Map<String, String> env(Path dir, Path home) {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString(),
                "JAVA_HOME", System.getProperty("java.home"), "SPIKE_STACK_DIR", dir.toString(),
                "SPIKE_STACK_NEXUS_PORT", Integer.toString(nexusPort)));
        env.put("SPIKE_STACK_NEXUS_HEALTH_PORT", Integer.toString(Processes.freePort()));
        for (int i = 1; i <= 3; i++) {
            env.put("SPIKE_STACK_KEEPER" + i + "_PORT", Integer.toString(Processes.freePort()));
            env.put("SPIKE_STACK_KEEPER" + i + "_HEALTH_PORT", Integer.toString(Processes.freePort()));
        }
        return env;
    }

    private static StackRun run(Map<String, String> env, Duration limit, String script, String... args) {
        List<String> command = Stream.concat(Stream.of(Repo.path(script).toString()), Stream.of(args)).toList();
        return new StackRun(Repo.runInEnvironment(env, limit, command));
    }

    /** A script's outcome, with the whole output in the failure message. */
    private record StackRun(Repo.Result result) {
        Repo.Result assertExit(int expected) {
            assertEquals(expected, result.exitCode(), result::toString);
            return result;
        }
    }

    private Processes.Result spike(Path dir, String... args) throws IOException, InterruptedException {
        Map<String, String> env = Map.of("SPIFFE_ENDPOINT_SOCKET", "unix://" + dir.resolve("id/superuser.sock"),
                "SPIKE_NEXUS_API_URL", "https://localhost:" + nexusPort);
        return Processes.run(env, null, LocalStack.COMMAND_LIMIT, "spike", args);
    }

    private static void kill9Nexus(Path dir) throws Exception {
        long pid = Long.parseLong(Files.readString(dir.resolve("pids/nexus.pid")).strip());
        ProcessHandle nexus = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("Nexus is not running"));
        nexus.destroyForcibly();
        nexus.onExit().get(30, TimeUnit.SECONDS);
    }

    private static List<Path> shardFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("spike\\.recovery\\.\\d+\\.txt")).sorted().toList();
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
