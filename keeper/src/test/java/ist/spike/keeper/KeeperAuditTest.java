package ist.spike.keeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ist.spike.common.audit.AuditMode;
import ist.spike.common.audit.AuditSettings;
import ist.spike.common.audit.AuditSink;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsServerOptions;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.devid.DevIdentityProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real keepers (mTLS, dev identities) whose every shard read and contribution is audited before it happens. */
class KeeperAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Roles ROLES = Roles.defaults();
    private static final String NEXUS = "spiffe://spike.ist/spike/nexus";
    private static final String BOOTSTRAP = "spiffe://spike.ist/spike/bootstrap";

    @TempDir
    Path dir;
    private final List<AutoCloseable> close = new ArrayList<>();
    private DevIdentityProvider provider;
    private KeeperServer keeper;
    private final Map<String, MtlsClient> clients = new java.util.HashMap<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : close.reversed()) {
            c.close();
        }
    }

    private void start(Path auditFile, ShardHolder holder) {
        provider = DevIdentityProvider.start(dir.resolve("id"), "spike.ist", Duration.ofMinutes(10));
        close.add(provider);
        AuditSink audit = AuditSink.open(new AuditSettings(auditFile, false, AuditMode.FAIL_CLOSED,
                Duration.ofSeconds(5)), "the keeper");
        close.add(audit);
        keeper = KeeperMain.start(identity("keeper", "spiffe://spike.ist/spike/keeper"), ROLES,
                MtlsServerOptions.listen("127.0.0.1", 0).withFirstRequestTimeout(Duration.ofSeconds(5)), holder, audit);
        close.add(0, keeper); // stopped before the sink closes
    }

    private IdentitySource identity(String name, String spiffeId) {
        IdentitySource identity = IdentitySources.open(
                Map.of(IdentitySources.SPIFFE_ENDPOINT_SOCKET, "unix:" + provider.serve(name, spiffeId)));
        close.add(identity);
        return identity;
    }

    private MtlsResponse post(String as, String path, String json) throws Exception {
        MtlsClient client = clients.computeIfAbsent(as, id -> {
            MtlsClient created = MtlsClient.create(MtlsContexts.client(
                    identity(id.substring(id.lastIndexOf('/') + 1), id), ROLES.predicate(Role.KEEPER)));
            close.add(created);
            return created;
        });
        return client.post(URI.create("https://localhost:" + keeper.port() + path), "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static String shardJson(int fill) {
        return IntStream.range(0, 32).mapToObj(i -> Integer.toString((fill + i) % 256))
                .collect(Collectors.joining(",", "{\"shard\":[", "]}"));
    }

    @Test
    void everyShardReadAndContributionIsAuditedWithCallerAndOutcome() throws Exception {
        Path file = dir.resolve("keeper-audit.log");
        start(file, new ShardHolder());
        assertEquals(200, post(BOOTSTRAP, "/v1/store/contribute", shardJson(5)).status());
        assertEquals(200, post(NEXUS, "/v1/store/shard", "{}").status());
        assertEquals(401, post(BOOTSTRAP, "/v1/store/shard", "{}").status());
        assertEquals(400, post(NEXUS, "/v1/store/contribute", "{").status());

        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size(), lines::toString);
        String[][] expected = {
            {BOOTSTRAP, "/v1/store/contribute", "ok", "200"},
            {NEXUS, "/v1/store/shard", "ok", "200"},
            {BOOTSTRAP, "/v1/store/shard", "access_unauthorized", "401"},
            {NEXUS, "/v1/store/contribute", "api_bad_request", "400"}};
        for (int i = 0; i < expected.length; i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            assertEquals("keeper", line.get("type").asText());
            assertEquals(expected[i][0], line.get("caller").asText(), lines.get(i));
            assertEquals(expected[i][1], line.get("route").asText(), lines.get(i));
            assertEquals(expected[i][2], line.get("outcome").asText(), lines.get(i));
            assertEquals(Integer.parseInt(expected[i][3]), line.get("status").asInt(), lines.get(i));
            assertFalse(lines.get(i).contains("shard\":["), "a shard in the audit: " + lines.get(i));
        }
    }

    @Test
    void withAFullAuditDiskNoShardIsKeptAndNoneLeaves() throws Exception {
        ShardHolder holder = new ShardHolder();
        start(Path.of("/dev/full"), holder);
        MtlsResponse contribute = post(NEXUS, "/v1/store/contribute", shardJson(7));
        assertEquals(503, contribute.status(), contribute.bodyText());
        assertTrue(contribute.bodyText().contains("\"state_not_ready\""), contribute.bodyText());
        assertNull(holder.copy(), "an unaudited contribution was kept");

        byte[] shard = new byte[32];
        shard[0] = 1;
        holder.set(shard);
        MtlsResponse read = post(NEXUS, "/v1/store/shard", "{}");
        assertEquals(503, read.status(), read.bodyText());
        assertTrue(read.bodyText().contains("\"state_not_ready\""), read.bodyText());
        assertFalse(read.bodyText().contains("[1,"), "an unaudited read got the shard: " + read.bodyText());
    }
}
