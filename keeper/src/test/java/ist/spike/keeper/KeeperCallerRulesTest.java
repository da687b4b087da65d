package ist.spike.keeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.config.ConfigException;
import ist.spike.common.config.Env;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsServerOptions;
import ist.spike.common.audit.AuditMode;
import ist.spike.common.audit.AuditSettings;
import ist.spike.common.audit.AuditSink;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.devid.DevIdentityProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may put a shard into a keeper, with real keepers and real SVIDs: Bootstrap only seeds an empty keeper (it cannot
 * replace the shard Nexus gave it), and a keeper told SPIKE_KEEPER_NEXUS_ID serves no other Nexus identity.
 */
class KeeperCallerRulesTest {
    /** As KeeperServerTest: the JDK server reads its limits once per JVM, from the first keeper started. */
    private static final Duration FIRST_REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final Roles ROLES = Roles.defaults();
    private static final String NEXUS = "spiffe://spike.ist/spike/nexus";
    private static final String OTHER_NEXUS = "spiffe://spike.ist/spike/nexus/rogue";
    private static final List<AutoCloseable> CLOSE = new ArrayList<>();
    private static DevIdentityProvider provider;
    private static MtlsClient nexus;
    private static MtlsClient otherNexus;
    private static MtlsClient bootstrap;
    private KeeperServer keeper;
    private ShardHolder holder;

    @BeforeAll
    static void start() throws IOException {
        provider = DevIdentityProvider.start(Files.createTempDirectory("kcr"), "spike.ist", Duration.ofMinutes(10));
        nexus = clientAs("nexus", NEXUS);
        otherNexus = clientAs("rogue", OTHER_NEXUS);
        bootstrap = clientAs("bootstrap", "spiffe://spike.ist/spike/bootstrap");
    }

    @AfterEach
    void stopKeeper() {
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
    void bootstrapSeedsAnEmptyKeeperButNeverReads() throws Exception {
        startKeeper(KeeperCallers.of(ROLES));
        assertEquals(200, post(bootstrap, "/v1/store/contribute", shardJson(9)).status());
        MtlsResponse read = post(bootstrap, "/v1/store/shard", "{}");
        assertEquals(401, read.status());
        assertTrue(read.bodyText().contains("\"access_unauthorized\""), read.bodyText());
        assertShard(9);
    }

    @Test
    void bootstrapCannotReplaceTheShardAKeeperHolds() throws Exception {
        startKeeper(KeeperCallers.of(ROLES));
        assertEquals(200, post(nexus, "/v1/store/contribute", shardJson(7)).status());

        MtlsResponse overwrite = post(bootstrap, "/v1/store/contribute", shardJson(40));
        assertEquals(401, overwrite.status());
        assertEquals("{\"err\":\"access_unauthorized\"}", overwrite.bodyText());
        assertShard(7);

        // Nexus still may: it re-pushes after every rekey.
        assertEquals(200, post(nexus, "/v1/store/contribute", shardJson(8)).status());
        assertShard(8);
    }

    @Test
    void aKeeperBoundToOneNexusRefusesAnotherNexusIdentity() throws Exception {
        startKeeper(new KeeperCallers(ROLES, Optional.of(SpiffeId.parse(NEXUS))));
        assertEquals(200, post(nexus, "/v1/store/contribute", shardJson(3)).status());

        // Refused in the handshake: in TLS 1.3 the client may only see the connection close, not the alert.
        assertThrows(IOException.class, () -> post(otherNexus, "/v1/store/contribute", shardJson(50)));
        assertThrows(IOException.class, () -> post(otherNexus, "/v1/store/shard", "{}"));
        assertShard(3);
    }

    @Test
    void anUnboundKeeperServesAnyNexusIdentityAsUpstream() throws Exception {
        startKeeper(KeeperCallers.of(ROLES));
        assertEquals(200, post(otherNexus, "/v1/store/contribute", shardJson(5)).status());
        assertEquals(200, post(otherNexus, "/v1/store/shard", "{}").status());
    }

    @Test
    void theNexusIdMustBeANexusIdentity() {
        assertEquals(Optional.empty(), KeeperMain.nexusId(Env.of(Map.of()), ROLES));
        assertEquals(Optional.of(SpiffeId.parse(NEXUS)),
                KeeperMain.nexusId(Env.of(Map.of("SPIKE_KEEPER_NEXUS_ID", NEXUS)), ROLES));
        for (String bad : List.of("nexus", "spiffe://spike.ist/spike/bootstrap", "spiffe://other.td/spike/nexus",
                "spiffe://spike.ist/spike/nexusevil")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> KeeperMain.nexusId(Env.of(Map.of("SPIKE_KEEPER_NEXUS_ID", bad)), ROLES));
            assertTrue(e.getMessage().startsWith("SPIKE_KEEPER_NEXUS_ID: "), e.getMessage());
        }
    }

    @Test
    void setIfEmptyTakesOnlyTheFirstShard() {
        ShardHolder h = new ShardHolder();
        byte[] first = new byte[32];
        first[0] = 1;
        byte[] second = new byte[32];
        second[0] = 2;
        assertTrue(h.setIfEmpty(first));
        assertTrue(!h.setIfEmpty(second));
        assertEquals(1, h.copy()[0]);
        h.clear();
        assertNull(h.copy());
        assertTrue(h.setIfEmpty(second));
    }

    private void startKeeper(KeeperCallers callers) {
        holder = new ShardHolder();
        IdentitySource identity = identity("keeper-" + System.nanoTime(), "spiffe://spike.ist/spike/keeper/1");
        AuditSink audit;
        try {
            audit = AuditSink.open(new AuditSettings(Files.createTempFile("kcr", ".audit"), false,
                    AuditMode.FAIL_CLOSED, Duration.ofSeconds(5)), "the keeper");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CLOSE.add(audit);
        keeper = KeeperMain.start(identity, callers, MtlsServerOptions.listen("127.0.0.1", 0)
                .withFirstRequestTimeout(FIRST_REQUEST_TIMEOUT), holder, audit);
    }

    private void assertShard(int fill) {
        byte[] held = holder.copy();
        assertEquals(fill, held == null ? -1 : held[0] & 0xff, "the shard the keeper holds");
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
