package ist.spike.keeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.audit.AuditMode;
import ist.spike.common.audit.AuditSettings;
import ist.spike.common.audit.AuditSink;
import ist.spike.common.config.ConfigException;
import ist.spike.common.config.Env;
import ist.spike.common.config.ListenAddress;
import ist.spike.common.monitoring.HealthListener;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.startup.StartupException;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.common.tls.MtlsServerOptions;
import ist.spike.devid.DevIdentityProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real keeper (one per test) with its health listener on, called over mTLS by Nexus and Bootstrap identities
 * from the dev identity provider, and probed over plain HTTP as Kubernetes or Prometheus would.
 */
class KeeperHealthTest {
    private static final Roles ROLES = Roles.defaults();
    private static final ListenAddress ANY_PORT = new ListenAddress("127.0.0.1", 0);
    private static final List<AutoCloseable> CLOSE = new ArrayList<>();
    private static DevIdentityProvider provider;
    private static MtlsClient nexus;
    private static MtlsClient bootstrap;
    private final HttpClient http = HttpClient.newHttpClient();
    private KeeperServer keeper;
    private ShardHolder holder;
    private KeeperCounters counters;
    private AuditSink audit;
    private HealthListener health;

    @BeforeAll
    static void start() throws IOException {
        provider = DevIdentityProvider.start(Files.createTempDirectory("kht"), "spike.ist", Duration.ofMinutes(10));
        nexus = clientAs("nexus", "spiffe://spike.ist/spike/nexus");
        bootstrap = clientAs("bootstrap", "spiffe://spike.ist/spike/bootstrap");
    }

    @AfterEach
    void stopKeeper() {
        if (health != null) {
            health.close();
        }
        if (keeper != null) {
            keeper.close();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : CLOSE.reversed()) {
            c.close();
        }
        provider.close();
    }

    @Test
    void readyOnlyOnceNexusHasGivenItsShard() throws Exception {
        startKeeper();
        assertEquals(200, get("/live").statusCode());
        HttpResponse<String> ready = get("/ready");
        assertEquals(503, ready.statusCode());
        assertEquals("{\"ready\":false,\"reason\":\"no shard yet: waiting for Nexus\"}\n", ready.body());
        String before = scrape();
        assertEquals(0, sample(before, "spike_keeper_ready"));
        assertEquals(0, sample(before, "spike_keeper_shard_held"));
        assertEquals(0, sample(before, "spike_keeper_last_contribution_timestamp_seconds"));

        long since = System.currentTimeMillis() / 1000;
        assertEquals(200, post(nexus, KeeperApi.CONTRIBUTE, shardJson(7)).status());
        HttpResponse<String> readyNow = get("/ready");
        assertEquals(200, readyNow.statusCode(), readyNow.body());
        String after = scrape();
        assertEquals(1, sample(after, "spike_keeper_ready"));
        assertEquals(1, sample(after, "spike_keeper_shard_held"));
        double contributed = sample(after, "spike_keeper_last_contribution_timestamp_seconds");
        assertTrue(contributed >= since && contributed <= System.currentTimeMillis() / 1000.0 + 1, "" + contributed);
        assertEquals(1, sample(after, "spike_keeper_requests_total{route=\"/v1/store/contribute\",status=\"200\"}"));
        assertTrue(sample(after, "spike_keeper_audit_lines_written_total") >= 1);
        assertEquals(0, sample(after, "spike_keeper_audit_write_failures_total"));
        assertTrue(after.contains("spike_keeper_audit_queue_depth "), after);
        assertTrue(after.contains("spike_keeper_build_info{version=\""), after);
        assertTrue(after.contains("jvm_memory_used_bytes"), "the JVM's own metrics are there");

        keeper.close();
        assertEquals(503, get("/live").statusCode(), "not live once its API server stopped");
    }

    @Test
    void answersItsThreePathsAndNothingElse() throws Exception {
        startKeeper();
        for (String path : new String[] {"/", "/metrics/", "/live/x", "/-/healthy", "/v1/store/shard",
            "/ready/../metrics", "/%2e%2e/metrics", "/READY"}) {
            assertEquals(404, get(path).statusCode(), path);
        }
        for (String path : new String[] {"/live", "/ready", "/metrics"}) {
            for (String method : new String[] {"POST", "PUT", "DELETE"}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path))
                        .method(method, HttpRequest.BodyPublishers.ofString(shardJson(1))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(405, r.statusCode(), method + " " + path);
            }
        }
        assertFalse(holder.isPresent(), "nothing sent to the health listener reached the shard");
    }

    /** Bootstrap (past the handshake, but not Nexus) tries to replace and to read the shard. */
    @Test
    void refusedCallersAreCountedByReason() throws Exception {
        startKeeper();
        assertEquals(200, post(nexus, KeeperApi.CONTRIBUTE, shardJson(7)).status());
        assertEquals(401, post(bootstrap, KeeperApi.CONTRIBUTE, shardJson(40)).status());
        assertEquals(401, post(bootstrap, KeeperApi.SHARD, "{}").status());
        assertEquals(400, post(nexus, KeeperApi.CONTRIBUTE, "{\"shard\":[1,2]}").status());
        assertEquals(400, post(nexus, "/v1/store/marker-route-55d2", "{}").status());

        String scrape = scrape();
        assertEquals(2, sample(scrape, "spike_keeper_requests_refused_total{reason=\"unauthorized\"}"));
        assertEquals(2, sample(scrape, "spike_keeper_requests_refused_total{reason=\"bad_request\"}"));
        assertEquals(1, sample(scrape, "spike_keeper_requests_total{route=\"/v1/store/contribute\",status=\"401\"}"));
        assertEquals(1, sample(scrape, "spike_keeper_requests_total{route=\"/v1/store/shard\",status=\"401\"}"));
        assertEquals(1, sample(scrape, "spike_keeper_requests_total{route=\"/v1/store/contribute\",status=\"400\"}"));
        assertEquals(1, sample(scrape, "spike_keeper_requests_total{route=\"unknown\",status=\"400\"}"));
    }

    @Test
    void theScrapeNamesNoCallerAndHoldsNoShard() throws Exception {
        startKeeper();
        byte[] shard = new byte[32];
        for (int i = 0; i < shard.length; i++) {
            shard[i] = (byte) (0xa1 + i);
        }
        String json = IntStream.range(0, 32).mapToObj(i -> Integer.toString(shard[i] & 0xff))
                .collect(Collectors.joining(",", "{\"shard\":[", "]}"));
        assertEquals(200, post(nexus, KeeperApi.CONTRIBUTE, json).status());
        assertEquals(200, post(nexus, KeeperApi.SHARD, "{}").status());
        assertEquals(401, post(bootstrap, KeeperApi.SHARD, "{}").status());
        String scrape = scrape() + get("/ready").body() + get("/live").body();
        List<String> secrets = List.of("spiffe://", "spike.ist", "/spike/nexus", "/spike/bootstrap", "/spike/keeper",
                HexFormat.of().formatHex(shard), HexFormat.of().withUpperCase().formatHex(shard),
                Base64.getEncoder().encodeToString(shard), Base64.getUrlEncoder().withoutPadding().encodeToString(shard),
                json.substring(json.indexOf('[') + 1, json.indexOf(']')));
        for (String secret : secrets) {
            assertFalse(scrape.contains(secret), secret + " appears in /metrics");
        }
    }

    @Test
    void offUnlessConfiguredAndAnEmptyHostMeansLocalhost() {
        assertNull(KeeperMain.healthAddress(Env.of(Map.of())));
        assertNull(KeeperMain.healthAddress(Env.of(Map.of(KeeperHealth.VARIABLE, ""))));
        assertEquals(new ListenAddress("127.0.0.1", 9554),
                KeeperMain.healthAddress(Env.of(Map.of(KeeperHealth.VARIABLE, ":9554"))));
        assertEquals(new ListenAddress("0.0.0.0", 9554),
                KeeperMain.healthAddress(Env.of(Map.of(KeeperHealth.VARIABLE, "0.0.0.0:9554"))));
        ConfigException bad = assertThrows(ConfigException.class,
                () -> KeeperMain.healthAddress(Env.of(Map.of(KeeperHealth.VARIABLE, "localhost"))));
        assertTrue(bad.getMessage().startsWith(KeeperHealth.VARIABLE + ": "), bad.getMessage());
    }

    @Test
    void anAddressThatCannotBeBoundStopsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            startKeeperWithoutHealth();
            ListenAddress busy = new ListenAddress("127.0.0.1", taken.getLocalPort());
            StartupException e = assertThrows(StartupException.class, () -> KeeperHealth.start(busy, keeper,
                    new ShardHolder(), new KeeperCounters(), AuditSink.Off.INSTANCE, "test"));
            assertTrue(e.getMessage().startsWith("cannot listen on SPIKE_KEEPER_HEALTH_ADDRESS 127.0.0.1:"
                    + taken.getLocalPort()), e.getMessage());
        }
    }

    private void startKeeper() throws IOException {
        startKeeperWithoutHealth();
        health = KeeperHealth.start(ANY_PORT, keeper, holder, counters, audit, "test");
    }

    private void startKeeperWithoutHealth() throws IOException {
        holder = new ShardHolder();
        counters = new KeeperCounters();
        audit = AuditSink.open(new AuditSettings(Files.createTempFile("kht", ".audit"), false, AuditMode.FAIL_CLOSED,
                Duration.ofSeconds(5)), "the keeper");
        CLOSE.add(audit);
        IdentitySource identity = identity("keeper-" + System.nanoTime(), "spiffe://spike.ist/spike/keeper/1");
        keeper = KeeperMain.start(identity, KeeperCallers.of(ROLES), MtlsServerOptions.listen("127.0.0.1", 0)
                .withFirstRequestTimeout(Duration.ofSeconds(5)), holder, audit, counters);
    }

    static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(m.find(), series + " not in:\n" + scrape);
        return Double.parseDouble(m.group(1));
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + health.port() + path);
    }

    private static IdentitySource identity(String name, String spiffeId) {
        IdentitySource identity = IdentitySources.open(
                Map.of(IdentitySources.SPIFFE_ENDPOINT_SOCKET, "unix:" + provider.serve(name, spiffeId)));
        CLOSE.add(identity);
        return identity;
    }

    private static MtlsClient clientAs(String name, String spiffeId) {
        MtlsClient client = MtlsClient.create(MtlsContexts.client(identity(name, spiffeId), ROLES.predicate(Role.KEEPER)));
        CLOSE.add(client);
        return client;
    }

    private MtlsResponse post(MtlsClient client, String path, String json) throws Exception {
        return client.post(URI.create("https://localhost:" + keeper.port() + path), "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static String shardJson(int fill) {
        return IntStream.range(0, 32).mapToObj(i -> Integer.toString((fill + i) % 256))
                .collect(Collectors.joining(",", "{\"shard\":[", "]}"));
    }
}
