package ist.spike.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A throw-away SPIKE deployment made of real processes: the dev identity provider, keepers and Nexus,
 * each started from dist/bin with its own log file, in a short temp directory (unix socket paths must
 * stay under 108 bytes).
 */
final class LocalStack implements AutoCloseable {
    static final Duration COMMAND_LIMIT = Duration.ofSeconds(90);
    /** Generous: on a loaded 2-core machine five JVMs starting at once take a while. */
    static final Duration READY_LIMIT = Duration.ofSeconds(240);

    /** The dev identity provider's default identities (spike-dev-identity --help). */
    private static final Map<String, String> STANDARD_IDENTITIES = standardIdentities();

    final Path root;
    final Path identityDir;
    final Path dataDir;
    final Path logDir;
    final int nexusPort = Processes.freePort();
    final int[] keeperPorts;
    private final Map<String, Process> processes = new HashMap<>();
    private final Map<String, String> nexusExtraEnv = new HashMap<>();
    /** Identities served besides the provider's defaults (name to SPIFFE path). */
    private final Map<String, String> extraIdentities = new LinkedHashMap<>();
    private final Map<Integer, Map<String, String>> keeperExtraEnv = new HashMap<>();
    /** False: SPIKE_NEXUS_KEEPER_PEERS lists bare URLs, as upstream (any keeper ID at any URL). */
    private boolean bindKeepers = true;

    LocalStack(int keepers) throws IOException {
        root = Files.createTempDirectory(Path.of("/tmp"), "e2e");
        identityDir = root.resolve("id");
        dataDir = root.resolve("data");
        logDir = root.resolve("logs");
        Files.createDirectories(logDir);
        keeperPorts = IntStream.range(0, keepers).map(i -> Processes.freePort()).toArray();
    }

    /** The quickest working stack: identity provider and Nexus on its in-memory store, no keepers, ready. */
    static LocalStack inMemoryNexus(Map<String, String> nexusEnv) throws Exception {
        LocalStack stack = new LocalStack(0);
        try {
            stack.nexusEnv("SPIKE_NEXUS_BACKEND_STORE", "memory");
            nexusEnv.forEach(stack::nexusEnv);
            stack.startIdentity().startNexus();
            stack.awaitNexusReady(READY_LIMIT);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private static Map<String, String> standardIdentities() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("nexus", "/spike/nexus");
        ids.put("keeper", "/spike/keeper");
        for (int i = 1; i <= 3; i++) {
            ids.put("keeper-" + i, "/spike/keeper/" + i);
        }
        ids.put("superuser", "/spike/pilot/role/superuser");
        ids.put("recover", "/spike/pilot/role/recover");
        ids.put("restore", "/spike/pilot/role/restore");
        ids.put("bootstrap", "/spike/bootstrap");
        ids.put("lite", "/spike/workload/role/lite");
        ids.put("demo", "/workload/demo");
        return Collections.unmodifiableMap(ids);
    }

    String socket(String identity) {
        return "unix://" + identityDir.resolve(identity + ".sock");
    }

    /** Keeper i's URL, bound to keeper i's own ID ({@code keeper-i}) unless {@link #unboundKeepers()}. */
    String keeperPeers() {
        return IntStream.range(0, keeperPorts.length).mapToObj(i -> "https://localhost:" + keeperPorts[i]
                        + (bindKeepers ? "=spiffe://spike.ist/spike/keeper/" + (i + 1) : ""))
                .collect(Collectors.joining(","));
    }

    /** Nexus will list its keepers without IDs, as upstream does. */
    LocalStack unboundKeepers() {
        bindKeepers = false;
        return this;
    }

    void nexusEnv(String name, String value) {
        nexusExtraEnv.put(name, value);
    }

    /** Nexus's next start goes without this variable. */
    void removeNexusEnv(String name) {
        nexusExtraEnv.remove(name);
    }

    /** The identity provider will also serve {@code name} as {@code spiffePath}; call before {@link #startIdentity()}. */
    LocalStack extraIdentity(String name, String spiffePath) {
        extraIdentities.put(name, spiffePath);
        return this;
    }

    /** An extra environment variable for keeper {@code index}. */
    void keeperEnv(int index, String name, String value) {
        keeperExtraEnv.computeIfAbsent(index, i -> new HashMap<>()).put(name, value);
    }

    LocalStack startIdentity() throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--dir", identityDir.toString(), "--trust-domain", "spike.ist"));
        if (!extraIdentities.isEmpty()) { // naming any identity replaces the defaults: name them all
            Map<String, String> all = new LinkedHashMap<>(STANDARD_IDENTITIES);
            all.putAll(extraIdentities);
            all.forEach((name, path) -> args.add(name + "=" + path));
        }
        processes.put("identity", Processes.start(log("identity"), Map.of(), "spike-dev-identity",
                args.toArray(String[]::new)));
        List<String> names = new ArrayList<>(STANDARD_IDENTITIES.keySet());
        names.addAll(extraIdentities.keySet());
        for (String name : names) {
            waitFor(identityDir.resolve(name + ".sock"), Duration.ofSeconds(30));
        }
        return this;
    }

    /** Starts keeper {@code index} with its own identity ({@code keeper-<index>}, or the shared one when unbound). */
    LocalStack startKeeper(int index) throws IOException {
        return startKeeperAs(index, bindKeepers ? "keeper-" + index : "keeper");
    }

    /** Starts a keeper process at keeper {@code index}'s port presenting {@code identity}'s SVID. */
    LocalStack startKeeperAs(int index, String identity) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("SPIFFE_ENDPOINT_SOCKET", socket(identity),
                "SPIKE_KEEPER_TLS_PORT", ":" + keeperPorts[index - 1], "SPIKE_SYSTEM_LOG_LEVEL", "INFO"));
        env.putAll(keeperExtraEnv.getOrDefault(index, Map.of()));
        processes.put("keeper-" + index, Processes.start(log("keeper-" + index), env, "keeper"));
        return this;
    }

    LocalStack startKeepers() throws IOException {
        for (int i = 1; i <= keeperPorts.length; i++) {
            startKeeper(i);
        }
        return this;
    }

    Process startNexus() throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("SPIFFE_ENDPOINT_SOCKET", socket("nexus"),
                "SPIKE_NEXUS_TLS_PORT", ":" + nexusPort, "SPIKE_NEXUS_DATA_DIR", dataDir.toString(),
                "SPIKE_SYSTEM_LOG_LEVEL", "INFO"));
        if (keeperPorts.length > 0) {
            env.put("SPIKE_NEXUS_KEEPER_PEERS", keeperPeers());
            env.put("SPIKE_NEXUS_SHAMIR_SHARES", Integer.toString(keeperPorts.length));
            env.put("SPIKE_NEXUS_SHAMIR_THRESHOLD", "2");
        }
        env.putAll(nexusExtraEnv);
        Process nexus = Processes.start(log("nexus"), env, "nexus");
        processes.put("nexus", nexus);
        return nexus;
    }

    Process process(String name) {
        return processes.get(name);
    }

    void kill9(String name) throws InterruptedException {
        Process process = processes.remove(name);
        if (process != null) {
            Processes.kill9(process);
        }
    }

    /** Runs {@code spike} with the given Pilot identity (superuser, recover, restore...). */
    Processes.Result spike(String identity, String... args) throws IOException, InterruptedException {
        return spikeWithInput(identity, null, args);
    }

    Processes.Result spikeWithInput(String identity, String stdin, String... args)
            throws IOException, InterruptedException {
        return spikeWithEnv(identity, Map.of(), stdin, args);
    }

    /** Runs {@code spike} with more environment variables than the stack sets. */
    Processes.Result spikeWithEnv(String identity, Map<String, String> extra, String stdin, String... args)
            throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(spikeEnv(identity));
        env.putAll(extra);
        return Processes.run(env, stdin, COMMAND_LIMIT, "spike", args);
    }

    /** The variables {@code spike} needs to talk to this stack as {@code identity}. */
    Map<String, String> spikeEnv(String identity) {
        return Map.of("SPIFFE_ENDPOINT_SOCKET", socket(identity),
                "SPIKE_NEXUS_API_URL", "https://localhost:" + nexusPort,
                "SPIKE_PILOT_RECOVERY_DIR", root.resolve("recover").toString());
    }

    /** Polls until the superuser can list secrets; returns the milliseconds it took. */
    long awaitNexusReady(Duration limit) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        Processes.Result last = null;
        while (System.nanoTime() < deadline) {
            Process nexus = processes.get("nexus");
            if (nexus != null && !nexus.isAlive()) {
                throw new IllegalStateException("Nexus exited with " + nexus.exitValue() + "\n--- nexus log\n"
                        + logTail("nexus"));
            }
            last = spike("superuser", "secret", "list");
            if (last.exitCode() == 0) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Nexus not ready within " + limit + "; last attempt: " + last
                + "\n--- nexus log\n" + logTail("nexus"));
    }

    String logTail(String name) {
        try {
            List<String> lines = Files.readAllLines(log(name));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    Path log(String name) {
        return logDir.resolve(name + ".log");
    }

    /** Every file the programs wrote: logs, database, WAL. */
    List<Path> writtenFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        return files;
    }

    private static void waitFor(Path file, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(file + " did not appear within " + limit);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws Exception {
        for (String name : List.copyOf(processes.keySet())) {
            Processes.stop(processes.remove(name));
        }
        if (System.getenv("SPIKE_E2E_KEEP") == null) {
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
