package ist.spike.nexus;

import ist.spike.common.config.Env;
import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.shamir.Shamir;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.devid.DevIdentityProvider;
import ist.spike.nexus.config.NexusSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Nexus on a random port with real mTLS: its identity comes from the dev identity provider's
 * Workload API, callers' identities from SVID files minted by the same CA. The sqlite variant gets
 * its root key through the test hook (no keepers).
 */
public final class NexusFixture implements AutoCloseable {
    public static final String TD = "spike.ist";
    public static final String SUPERUSER = "spiffe://spike.ist/spike/pilot/role/superuser";

    public final Path dir;
    public final DevIdentityProvider ids;
    public final Path dataDir;
    public final NexusServer server;
    private final IdentitySource nexusIdentity;
    private final Map<String, MtlsClient> clients = new HashMap<>();
    private final List<IdentitySource> callerIdentities = new ArrayList<>();

    private NexusFixture(Map<String, String> extraEnv, SecretBytes key) throws IOException {
        this(extraEnv, key, Map.of());
    }

    private NexusFixture(Map<String, String> extraEnv, SecretBytes key, Map<String, X509Certificate> federated)
            throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "nx");
        ids = DevIdentityProvider.start(dir.resolve("id"), TD, Duration.ofHours(1));
        federated.forEach(ids::federateWith);
        Path socket = ids.serve("nexus", "spiffe://spike.ist/spike/nexus");
        nexusIdentity = IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", "unix:" + socket));
        dataDir = dir.resolve("data");
        Map<String, String> env = new HashMap<>(Map.of(
                "SPIKE_NEXUS_TLS_PORT", "127.0.0.1:0",
                "SPIKE_NEXUS_DATA_DIR", dataDir.toString(),
                // Nothing listens there: recovery keeps waiting, the test hook provides the key.
                "SPIKE_NEXUS_KEEPER_PEERS", "https://127.0.0.1:9,https://127.0.0.1:10,https://127.0.0.1:11",
                "SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL", "1h",
                // Audit lines to a file of this fixture: stdout belongs to the test runner.
                "SPIKE_AUDIT_SINK", dir.resolve("audit.log").toString()));
        env.putAll(extraEnv);
        server = NexusServer.start(NexusSettings.fromEnv(Env.of(env)), nexusIdentity, Roles.defaults());
        if (key != null) {
            if (!server.offerRootKeyForTests(key)) {
                throw new IllegalStateException("fresh store refused a fresh key");
            }
        }
    }

    /** Nexus on SQLite, opened with a fresh root key. */
    public static NexusFixture sqlite() throws IOException {
        return new NexusFixture(Map.of(), Shamir.newRootKey());
    }

    public static NexusFixture sqlite(Map<String, String> env) throws IOException {
        return new NexusFixture(env, Shamir.newRootKey());
    }

    /** Nexus on SQLite, its Workload API federated with {@code trustDomain}: it accepts that domain's SVIDs. */
    public static NexusFixture sqliteFederatedWith(String trustDomain, X509Certificate caCertificate)
            throws IOException {
        return new NexusFixture(Map.of(), Shamir.newRootKey(), Map.of(trustDomain, caCertificate));
    }

    /** Nexus on SQLite opened with {@code key} (the test keeps a copy, e.g. to act as upstream Bootstrap). */
    public static NexusFixture sqliteWithKey(SecretBytes key) throws IOException {
        return new NexusFixture(Map.of(), key);
    }

    /** Nexus with the lite backend (cipher service only), its root key given directly. */
    public static NexusFixture lite(SecretBytes key) throws IOException {
        return new NexusFixture(Map.of("SPIKE_NEXUS_BACKEND_STORE", "lite"), key);
    }

    /** Nexus on SQLite still waiting for its root key. */
    public static NexusFixture waitingForKey() throws IOException {
        return new NexusFixture(Map.of(), null);
    }

    public static NexusFixture memory() throws IOException {
        return new NexusFixture(Map.of("SPIKE_NEXUS_BACKEND_STORE", "memory"), null);
    }

    /** Nexus on SQLite still waiting for its root key, with these variables on top of the fixture's. */
    public static NexusFixture waitingForKey(Map<String, String> env) throws IOException {
        return new NexusFixture(env, null);
    }

    /** The audit lines written so far to the fixture's audit file (the default sink of a fixture). */
    public List<String> auditLines() throws IOException {
        Path file = dir.resolve("audit.log");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    public boolean offerRootKey(SecretBytes key) {
        return server.offerRootKeyForTests(key);
    }

    /** An mTLS client presenting {@code spiffeId} (SVID files from this fixture's CA). */
    public synchronized MtlsClient clientAs(String spiffeId) {
        return clients.computeIfAbsent(spiffeId, id -> {
            Path files = ids.writeSvidFiles(id, dir.resolve("svid-" + clients.size()));
            IdentitySource identity = IdentitySources.open(Map.of("SPIKE_SVID_DIR", files.toString()));
            callerIdentities.add(identity);
            return MtlsClient.create(MtlsContexts.client(identity, Roles.defaults().predicate(
                    ist.spike.common.spiffe.Role.NEXUS)));
        });
    }

    public URI url(String path, String action) {
        String query = action == null || action.isEmpty() ? "" : "?action=" + action;
        return URI.create("https://localhost:" + server.port() + path + query);
    }

    /** POSTs a JSON text as {@code spiffeId}. */
    public MtlsResponse post(String spiffeId, String path, String action, String json)
            throws IOException, InterruptedException {
        return clientAs(spiffeId).post(url(path, action), "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs raw bytes with a given Content-Type as {@code spiffeId}. */
    public MtlsResponse post(String spiffeId, String path, String action, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return clientAs(spiffeId).post(url(path, action), contentType, body);
    }

    public MtlsResponse superuser(String path, String action, String json) throws IOException, InterruptedException {
        return post(SUPERUSER, path, action, json);
    }

    @Override
    public void close() throws IOException {
        clients.values().forEach(MtlsClient::close);
        callerIdentities.forEach(IdentitySource::close);
        server.close();
        nexusIdentity.close();
        ids.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
