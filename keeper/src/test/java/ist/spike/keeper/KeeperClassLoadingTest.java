package ist.spike.keeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.devid.DevIdentityProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a keeper loads: a real keeper ({@link KeeperMain#main}) in a child JVM that logs every class it
 * loads, answering each kind of request from this JVM, which plays Nexus and Bootstrap. It takes its SVID
 * from java-spiffe's Workload API client (docs/adr/0009-identity-clients.md), never SPIKE's own one-shot
 * client (the CLI's), and never loads jackson-databind (about 570 classes and 7 MiB it does not need),
 * although it is on the child's class path. Nor, unless SPIKE_KEEPER_HEALTH_ADDRESS is set, the health
 * listener or Prometheus's client: keeper.jar's class path leaves those out (keeper/pom.xml).
 */
class KeeperClassLoadingTest {
    private static final Pattern LISTENING = Pattern.compile("keeper listening on port (\\d+)");

    @Test
    void itsIdentityComesFromJavaSpiffeAndItsRequestsLoadNoJacksonDatabindClass() throws Exception {
        Path dir = Files.createTempDirectory("kclt");
        Path classLog = dir.resolve("classes.txt");
        List<AutoCloseable> close = new ArrayList<>();
        try (DevIdentityProvider provider = DevIdentityProvider.start(dir.resolve("id"), "spike.ist", Duration.ofMinutes(10))) {
            Path keeperSocket = provider.serve("keeper", "spiffe://spike.ist/spike/keeper");
            Process keeper = startKeeper(classLog, keeperSocket, Map.of());
            try {
                Integer listening = listeningPort(keeper);

                MtlsClient nexus = client("nexus", "spiffe://spike.ist/spike/nexus", provider, close);
                MtlsClient bootstrap = client("bootstrap", "spiffe://spike.ist/spike/bootstrap", provider, close);
                String base = "https://localhost:" + listening;
                String shard = IntStream.range(0, 32).mapToObj(i -> Integer.toString(i + 3))
                        .collect(Collectors.joining(",", "{\"shard\":[", "]}"));
                assertEquals(400, post(nexus, base + "/v1/store/shard", "{}").status()); // no shard yet
                assertEquals(200, post(bootstrap, base + "/v1/store/contribute", shard).status());
                assertEquals(200, post(nexus, base + "/v1/store/contribute", shard).status());
                assertEquals(400, post(nexus, base + "/v1/store/contribute", "{\"shard\":[1,2]}").status());
                assertEquals(400, post(nexus, base + "/v1/store/contribute", "{\"shard\":1.5}").status());
                assertEquals(400, post(nexus, base + "/v1/store/contribute", "[").status());
                assertEquals(400, post(nexus, base + "/v1/store/contribute", "{} {}").status());
                assertEquals(401, post(bootstrap, base + "/v1/store/shard", "{}").status());
                assertEquals(400, post(nexus, base + "/v1/store/other", "{}").status());
                var read = post(nexus, base + "/v1/store/shard", "{\"x\":{\"y\":[null]}}");
                assertEquals(200, read.status());
                assertTrue(read.bodyText().startsWith(shard.replace("]}", "],\"Err\":\"\"}")), read.bodyText());
            } finally {
                keeper.destroy();
                keeper.waitFor(30, TimeUnit.SECONDS);
                for (AutoCloseable c : close.reversed()) {
                    c.close();
                }
            }
        }
        List<String> loaded = Files.readAllLines(classLog);
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" ist.spike.keeper.KeeperApi ")), "class loading was not logged");
        List<String> databind = loaded.stream().filter(l -> l.contains(" com.fasterxml.jackson.databind.")).toList();
        assertTrue(databind.isEmpty(), databind.size() + " jackson-databind classes loaded, the first: "
                + databind.subList(0, Math.min(5, databind.size())));
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" ist.spike.common.wire.keeper.KeeperWireJson ")),
                "the keeper read its bodies some other way");
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" io.spiffe.workloadapi.DefaultX509Source ")),
                "the keeper did not take its identity from java-spiffe's client");
        List<String> ownClient = loaded.stream().filter(l -> l.contains(" ist.spike.common.workloadapi.")).toList();
        assertTrue(ownClient.isEmpty(), "the keeper loaded the CLI's one-shot client: " + ownClient);
        List<String> monitoring = monitoringClasses(loaded);
        assertTrue(monitoring.isEmpty(), "health listener off, yet loaded: " + monitoring);
    }

    /** The other side of the check above: with the listener on, the same filter does find those classes. */
    @Test
    void theHealthListenerAndPrometheusLoadOnlyWhenConfigured() throws Exception {
        Path dir = Files.createTempDirectory("kclt");
        Path classLog = dir.resolve("classes.txt");
        try (DevIdentityProvider provider = DevIdentityProvider.start(dir.resolve("id"), "spike.ist", Duration.ofMinutes(10))) {
            Path keeperSocket = provider.serve("keeper", "spiffe://spike.ist/spike/keeper");
            Process keeper = startKeeper(classLog, keeperSocket, Map.of("SPIKE_KEEPER_HEALTH_ADDRESS", "127.0.0.1:0"));
            try {
                listeningPort(keeper);
            } finally {
                keeper.destroy();
                keeper.waitFor(30, TimeUnit.SECONDS);
            }
        }
        List<String> monitoring = monitoringClasses(Files.readAllLines(classLog));
        for (String name : List.of(" io.prometheus.", " ist.spike.common.monitoring.HealthListener ",
                " ist.spike.keeper.KeeperHealth ", " ist.spike.keeper.KeeperMetrics ")) {
            assertTrue(monitoring.stream().anyMatch(l -> l.contains(name)), name + " was not loaded: " + monitoring);
        }
    }

    private static List<String> monitoringClasses(List<String> loaded) {
        return loaded.stream().filter(l -> l.contains(" io.prometheus.") || l.contains(" ist.spike.common.monitoring.")
                || l.contains(" ist.spike.keeper.KeeperHealth ") || l.contains(" ist.spike.keeper.KeeperMetrics ")).toList();
    }

    /** A keeper in a child JVM on this test's class path (which holds the optional libraries too). */
    private static Process startKeeper(Path classLog, Path socket, Map<String, String> env) throws java.io.IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), KeeperMain.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("SPIFFE_ENDPOINT_SOCKET", "unix:" + socket);
        builder.environment().put("SPIKE_KEEPER_TLS_PORT", "127.0.0.1:0");
        builder.environment().put("SPIKE_SYSTEM_LOG_LEVEL", "INFO");
        builder.environment().putAll(env);
        return builder.start();
    }

    private static Integer listeningPort(Process keeper) throws Exception {
        List<String> output = new ArrayList<>();
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> listeningPort(keeper, output));
        Integer listening = port.get(60, TimeUnit.SECONDS);
        assertNotNull(listening, () -> "the keeper did not start:\n" + String.join("\n", output));
        return listening;
    }

    private static Integer listeningPort(Process keeper, List<String> output) {
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(keeper.getInputStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    // keep draining the child's output so it never blocks on a full pipe
                    Thread.ofVirtual().start(() -> lines.lines().forEach(l -> { }));
                    return Integer.parseInt(m.group(1));
                }
            }
            return null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static MtlsClient client(String name, String spiffeId, DevIdentityProvider provider, List<AutoCloseable> close) {
        IdentitySource identity = IdentitySources.open(
                Map.of(IdentitySources.SPIFFE_ENDPOINT_SOCKET, "unix:" + provider.serve(name, spiffeId)));
        close.add(identity);
        MtlsClient client = MtlsClient.create(MtlsContexts.client(identity, Roles.defaults().predicate(Role.KEEPER)));
        close.add(client);
        return client;
    }

    private static ist.spike.common.tls.MtlsResponse post(MtlsClient client, String uri, String json) throws Exception {
        return client.post(URI.create(uri), "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
