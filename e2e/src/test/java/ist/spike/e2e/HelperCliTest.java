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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * spike's warm helper, as real processes: started only by {@code spike helper start}, then answering later
 * commands exactly as spike itself would, and only those of its own user and configuration.
 */
class HelperCliTest {
    private static LocalStack stack;
    private Path runtimeDir;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.inMemoryNexus(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @BeforeEach
    void ownRuntimeDirectory() throws IOException {
        runtimeDir = Files.createTempDirectory(stack.root, "run");
    }

    @AfterEach
    void stopHelpers() {
        helpers().forEach(ProcessHandle::destroyForcibly);
    }

    /** spike with the helper on, its socket under this test's runtime directory, start-up tracing on. */
    private Processes.Result spike(Map<String, String> extra, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("SPIKE_PILOT_HELPER", "true", "XDG_RUNTIME_DIR",
                runtimeDir.toString(), "SPIKE_TRACE_STARTUP", "true"));
        env.putAll(extra);
        return stack.spikeWithEnv("superuser", env, null, args);
    }

    private Processes.Result spike(String... args) throws Exception {
        return spike(Map.of(), args);
    }

    private static boolean answeredByHelper(Processes.Result result) {
        return result.stderr().contains("helper: answered");
    }

    private static String withoutTrace(String stderr) {
        return stderr.lines().filter(line -> !line.startsWith("[trace]")).map(line -> line + "\n").collect(Collectors.joining());
    }

    private Path socketDir() {
        return runtimeDir.resolve("spike-pilot");
    }

    private List<Path> sockets() throws IOException {
        if (!Files.isDirectory(socketDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(socketDir())) {
            return files.filter(p -> p.toString().endsWith(".sock")).toList();
        }
    }

    private List<ProcessHandle> helpers() {
        String dir = runtimeDir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("HelperMain") && c.contains(dir)).orElse(false))
                .toList();
    }

    /** {@code spike helper start}, and a command it then answers. */
    private Processes.Result startHelper(Map<String, String> extra) throws Exception {
        Processes.Result started = spike(extra, "helper", "start");
        assertEquals(0, started.exitCode(), started::toString);
        assertTrue(started.stdout().startsWith("spike helper running (pid "), started::toString);
        Processes.Result probe = spike(extra, "secret", "list");
        assertTrue(answeredByHelper(probe), probe::toString);
        return started;
    }

    private Processes.Result startHelper() throws Exception {
        return startHelper(Map.of());
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private List<Path> sockets0() {
        try {
            return sockets();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void noHelperRunsUnlessAskedFor() throws Exception {
        for (int i = 0; i < 2; i++) {
            Processes.Result put = spike("secret", "put", "helper/none", "k=" + i);
            assertEquals(0, put.exitCode(), put::toString);
            assertFalse(answeredByHelper(put), put::toString);
        }
        Thread.sleep(1000);
        assertEquals(List.of(), sockets());
        assertEquals(List.of(), helpers());
        Processes.Result status = spike("helper", "status");
        assertEquals(2, status.exitCode(), status::toString);
        assertEquals("no spike helper runs for this configuration\n", status.stdout());
    }

    @Test
    void answersExactlyAsSpikeItself() throws Exception {
        Processes.Result first = spike("secret", "put", "helper/db", "user=admin", "pass=ü=✓");
        assertEquals(0, first.exitCode(), first::toString);
        assertFalse(answeredByHelper(first), "no helper runs yet");
        startHelper();
        assertEquals(1, sockets().size(), sockets()::toString);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socketDir())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sockets().get(0))));

        List<List<String>> commandLines = List.of(
                List.of("secret", "get", "helper/db"),
                List.of("secret", "get", "helper/db", "pass"),
                List.of("secret", "get", "-f", "json", "helper/db"),
                List.of("secret", "get", "helper/db", "nokey"),
                List.of("secret", "get", "helper/missing"),
                List.of("secret", "get"),
                List.of("secret", "get", "helper/db", "--format", "xml"),
                List.of("secret", "list"),
                List.of("secret", "metadata", "get", "helper/db"),
                List.of("policy", "list"),
                List.of("policy", "get", "no-such-policy"));
        for (List<String> args : commandLines) {
            String[] argv = args.toArray(String[]::new);
            Processes.Result helped = spike(argv);
            Processes.Result alone = spike(Map.of("SPIKE_PILOT_HELPER", "false"), argv);
            assertTrue(answeredByHelper(helped), helped::toString);
            assertFalse(answeredByHelper(alone), alone::toString);
            assertEquals(alone.exitCode(), helped.exitCode(), () -> args + "\n" + helped + "\n" + alone);
            assertEquals(alone.stdout(), helped.stdout(), () -> args + "\n" + helped);
            assertEquals(withoutTrace(alone.stderr()), withoutTrace(helped.stderr()), () -> args + "\n" + helped);
        }

        // Writes through the helper land once each.
        Processes.Result put = spike("secret", "put", "helper/db", "user=root");
        assertTrue(answeredByHelper(put), put::toString);
        assertEquals("OK\n", put.stdout());
        assertEquals("user: root\n", spike(Map.of("SPIKE_PILOT_HELPER", "false"), "secret", "get", "helper/db").stdout());
        assertEquals("pass: ü=✓\nuser: admin\n",
                spike(Map.of("SPIKE_PILOT_HELPER", "false"), "secret", "get", "helper/db", "-v", "1").stdout());
        assertEquals(1, helpers().size(), "one helper for one configuration");
    }

    @Test
    void anotherConfigurationNeverReachesThisHelper() throws Exception {
        spike("secret", "put", "helper/conf", "k=v");
        startHelper();
        Processes.Result other = spike(Map.of("SPIKE_SYSTEM_LOG_LEVEL", "ERROR"), "secret", "get", "helper/conf");
        assertEquals(0, other.exitCode(), other::toString);
        assertFalse(answeredByHelper(other), other::toString);
        Thread.sleep(1000);
        assertEquals(1, sockets().size(), "no helper of its own either: " + sockets());
    }

    @Test
    void commandsThatReadInputRunInSpike() throws Exception {
        spike("secret", "put", "helper/in", "k=v");
        startHelper();
        Processes.Result created = spike("policy", "create", "--name", "helper-read", "--spiffeid-pattern",
                "^spiffe://spike\\.ist/app$", "--path-pattern", "^helper/", "--permissions", "read");
        assertEquals("Policy created successfully.\n", created.stdout(), created::toString);
        assertTrue(answeredByHelper(created), created::toString);
        Map<String, String> env = Map.of("SPIKE_PILOT_HELPER", "true", "XDG_RUNTIME_DIR", runtimeDir.toString(),
                "SPIKE_TRACE_STARTUP", "true");
        // The confirmation prompt reads spike's own stdin.
        Processes.Result kept = stack.spikeWithEnv("superuser", env, "n\n", "policy", "delete", "helper-read");
        assertTrue(kept.stdout().endsWith("Operation canceled.\n"), kept::toString);
        assertFalse(kept.stderr().contains("helper:"), kept::toString);
        Processes.Result deleted = stack.spikeWithEnv("superuser", env, "y\n", "policy", "delete", "helper-read");
        assertTrue(deleted.stdout().endsWith("Policy deleted successfully.\n"), deleted::toString);
        // A value from stdin or a file is read by spike itself, in its own directory.
        Processes.Result fromStdin = stack.spikeWithEnv("superuser", env, "piped", "secret", "put", "helper/in", "k=-");
        assertEquals(0, fromStdin.exitCode(), fromStdin::toString);
        assertFalse(fromStdin.stderr().contains("helper:"), fromStdin::toString);
        assertEquals("piped", spike("secret", "get", "helper/in", "k").stdout());
        Processes.Result help = spike("secret", "get", "--help");
        assertEquals(0, help.exitCode(), help::toString);
        assertFalse(help.stderr().contains("helper:"), help::toString);
    }

    @Test
    void anIdleHelperEndsAndTakesItsSocketAndLock() throws Exception {
        Map<String, String> shortIdle = Map.of("SPIKE_PILOT_HELPER_IDLE_TIMEOUT", "2s");
        startHelper(shortIdle);
        assertEquals(1, sockets().size());
        // A caller that connects and sends nothing is cut off, and does not keep the helper alive.
        try (var silent = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(sockets().get(0)))) {
            await(() -> sockets0().isEmpty() && helpers().isEmpty(), Duration.ofSeconds(30));
            assertEquals(-1, silent.read(java.nio.ByteBuffer.allocate(1)), "the silent connection was closed");
        }
        assertEquals(List.of(), sockets());
        assertEquals(List.of(), helpers());
        try (Stream<Path> left = Files.list(socketDir())) {
            assertEquals(List.of(), left.toList(), "no lock file left behind");
        }
    }

    @Test
    void aKilledHelperIsNotReplacedUntilStartedAgain() throws Exception {
        spike("secret", "put", "helper/kill", "k=v");
        startHelper();
        Path socket = sockets().get(0);
        for (ProcessHandle helper : helpers()) {
            helper.destroyForcibly();
            helper.onExit().get();
        }
        assertTrue(Files.exists(socket), "the dead helper's socket is left behind");
        Processes.Result alone = spike("secret", "get", "helper/kill");
        assertEquals(0, alone.exitCode(), alone::toString);
        assertEquals("k: v\n", alone.stdout());
        assertFalse(answeredByHelper(alone), alone::toString);
        assertEquals(2, spike("helper", "status").exitCode());
        startHelper();
        assertEquals(List.of(socket), sockets());
    }

    @Test
    void stopAndStatusSayWhatRuns() throws Exception {
        String started = startHelper().stdout();
        long pid = Long.parseLong(started.replaceAll("(?s).*\\(pid (\\d+),.*", "$1"));
        Processes.Result status = spike("helper", "status");
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.stdout().contains("  pid:          " + pid + "\n"), status::toString);
        // What status says of memory locking is what the kernel says.
        long lockedKiB = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("VmLck:")).mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
        if (lockedKiB > 0) {
            assertTrue(status.stdout().contains("  memory:       locked\n"), status::toString);
        } else {
            assertTrue(status.stdout().contains("  memory:       no: mlockall"), status::toString);
            assertTrue(status.stderr().contains("Warning: the helper's memory is not locked"), status::toString);
        }
        Processes.Result stopped = spike("helper", "stop");
        assertEquals("spike helper stopped (pid " + pid + ")\n", stopped.stdout(), stopped::toString);
        assertEquals(List.of(), sockets());
        assertEquals(List.of(), helpers());
        assertEquals("no spike helper runs for this configuration\n", spike("helper", "stop").stdout());
    }

    @Test
    void aDirectoryOthersCanEnterIsNotUsed() throws Exception {
        Files.createDirectory(socketDir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Processes.Result start = spike("helper", "start");
        assertEquals(2, start.exitCode(), start::toString);
        assertTrue(start.stderr().contains("Error: the spike helper did not start: no private directory"), start::toString);
        Processes.Result result = spike("secret", "put", "helper/shared", "k=v");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of(), sockets());
        assertEquals(List.of(), helpers());
    }

    @Test
    void aBadSettingIsOneLineAndExitOne() throws Exception {
        Processes.Result result = stack.spikeWithEnv("superuser", Map.of("SPIKE_PILOT_HELPER", "maybe"), null,
                "secret", "list");
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.stdout());
        assertEquals("Error: SPIKE_PILOT_HELPER: \"maybe\" is not a boolean (expected true or false)\n", result.stderr());
    }

    @Test
    void theHelperEndsWhenItsIdentitySourceGoes() throws Exception {
        try (LocalStack own = LocalStack.inMemoryNexus(Map.of())) {
            Map<String, String> env = Map.of("SPIKE_PILOT_HELPER", "true", "XDG_RUNTIME_DIR", runtimeDir.toString());
            assertEquals(0, own.spikeWithEnv("superuser", env, null, "helper", "start").exitCode());
            assertEquals(1, helpers().size());
            // The local stack is stopped: its identity provider and sockets are gone.
            Files.delete(Path.of(own.socket("superuser").substring("unix://".length())));
            await(() -> helpers().isEmpty(), Duration.ofSeconds(30));
            assertEquals(List.of(), helpers());
            assertEquals(List.of(), sockets());
        }
    }
}
