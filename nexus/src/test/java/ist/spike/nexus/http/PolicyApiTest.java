package ist.spike.nexus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.nexus.NexusFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policy routes against a real Nexus: upstream's bodies (the name as "id", the spiffiedPattern read
 * key), 404 for unknown names and 400 for invalid or reserved-path-violating policies (docs/compatibility.md), and
 * a workload reading exactly what it was granted.
 */
class PolicyApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = "/v1/acl/policy";
    private static final String DEMO = "spiffe://spike.ist/workload/demo";
    private static NexusFixture nexus;

    @BeforeAll
    static void start() throws Exception {
        nexus = NexusFixture.sqlite();
    }

    @AfterAll
    static void stop() throws Exception {
        nexus.close();
    }

    private static MtlsResponse su(String action, String json) throws Exception {
        return nexus.superuser(POLICY, action, json);
    }

    private static String policy(String name, String spiffe, String path, String permissions) {
        return "{\"name\":\"" + name + "\",\"spiffeidPattern\":\"" + spiffe.replace("\\", "\\\\")
                + "\",\"pathPattern\":\"" + path.replace("\\", "\\\\") + "\",\"permissions\":" + permissions + "}";
    }

    private static void assertAnswer(int status, String body, MtlsResponse r) {
        assertEquals(status, r.status(), () -> "body: " + r.bodyText());
        assertEquals(body, r.bodyText());
    }

    @Test
    void putGetListDeleteWithUpstreamBodies() throws Exception {
        assertAnswer(200, "{}", su("", policy("demo-read", "^spiffe://spike\\.ist/workload/demo$",
                "^tenants/demo/db/.*$", "[\"read\",\"list\"]")));
        MtlsResponse got = su("get", "{\"id\":\"demo-read\"}");
        assertEquals(200, got.status(), got.bodyText());
        JsonNode p = JSON.readTree(got.body());
        assertEquals("", p.get("id").asText());
        assertEquals("demo-read", p.get("name").asText());
        assertEquals("^spiffe://spike\\.ist/workload/demo$", p.get("spiffiedPattern").asText());
        assertEquals("^tenants/demo/db/.*$", p.get("pathPattern").asText());
        assertEquals("[\"read\",\"list\"]", p.get("permissions").toString());
        assertTrue(p.get("createdAt").asText().endsWith("Z"));
        assertEquals(p.get("createdAt"), p.get("updatedAt"));
        assertTrue(su("list", "{}").bodyText().contains("{\"id\":\"\",\"name\":\"demo-read\"}"));
        assertAnswer(200, "{\"policies\":[{\"id\":\"\",\"name\":\"demo-read\"}]}",
                su("list", "{\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/workload/demo$\",\"pathPattern\":\"\"}"));
        assertAnswer(200, "{\"policies\":[]}", su("list", "{\"spiffeidPattern\":\"nothing\",\"pathPattern\":\"\"}"));
        assertAnswer(200, "{}", su("delete", "{\"id\":\"demo-read\"}"));
        assertAnswer(404, "{\"err\":\"api_not_found\"}", su("delete", "{\"id\":\"demo-read\"}"));
    }

    @Test
    void unknownNamesAre404() throws Exception {
        assertAnswer(404, "{\"id\":\"\",\"name\":\"\",\"spiffiedPattern\":\"\",\"pathPattern\":\"\",\"permissions\":null,"
                + "\"createdAt\":\"0001-01-01T00:00:00Z\",\"updatedAt\":\"0001-01-01T00:00:00Z\",\"err\":\"api_not_found\"}",
                su("get", "{\"id\":\"no-such-policy\"}"));
        assertAnswer(404, "{\"err\":\"api_not_found\"}", su("delete", "{\"id\":\"no-such-policy\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // invalid regexes
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/(x$\",\"pathPattern\":\"^a/\",\"permissions\":[\"read\"]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"(a\",\"permissions\":[\"read\"]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"(a)\\\\1\",\"permissions\":[\"read\"]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"a++\",\"permissions\":[\"read\"]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"a*+\",\"permissions\":[\"read\"]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"^a\\\\Z\",\"permissions\":[\"read\"]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"(a{1000}){2}\",\"permissions\":[\"read\"]}",
        // lookaround: its '=', '<' and '!' are outside the path-pattern characters already
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"^a(?=b)\",\"permissions\":[\"read\"]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"(?<=a)b\",\"permissions\":[\"read\"]}",
        // reserved paths reached by accident (upstream ADR-0033)
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"acl\",\"permissions\":[\"write\"]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"spike\",\"permissions\":[\"read\"]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"spiffe://spike\\\\.ist/x\",\"pathPattern\":\"^spike/system/acl$\",\"permissions\":[\"write\"]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"spiffe://spike\\\\.ist/x\",\"pathPattern\":\".*\",\"permissions\":[\"read\"]}",
        // input rules
        "{\"name\":\"bad/name\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"^a/\",\"permissions\":[\"read\"]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"^https://x$\",\"pathPattern\":\"^a/\",\"permissions\":[\"read\"]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"\",\"permissions\":[\"read\"]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"^a/\",\"permissions\":[]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"^a/\",\"permissions\":[\"READ\"]}",
        "{\"name\":\"p\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/x$\",\"pathPattern\":\"^a/\",\"permissions\":[\"admin\"]}",
        "{\"name\":\"p\"}", "{", "[]"
    })
    void invalidPoliciesAre400AndNothingIsStored(String body) throws Exception {
        assertAnswer(400, "{\"err\":\"api_bad_request\"}", su("", body));
        assertEquals(404, su("get", "{\"id\":\"p\"}").status());
    }

    /**
     * Patterns RE2/J alone would choke on: nested counted repetitions it would expand to a billion
     * instructions (Go refuses them), a repetition whose program would take tens of MiB of Nexus's heap,
     * nesting deeper than Go allows (RE2/J compiles recursively), a literal long enough to make its
     * parser crawl. Each is refused, nothing is stored, and Nexus keeps serving.
     */
    @Test
    void patternsThatWouldExhaustNexusAre400() throws Exception {
        String[][] attacks = {
            {"^spiffe://spike\\.ist/x$", "((a{1000}){1000}){1000}"},
            {"^spiffe://spike\\.ist/x$", "(" + "a".repeat(400) + "){1000}"},
            {"spiffe://spike.ist/" + "(".repeat(1500) + "a" + ")".repeat(1500), "^a/"},
            {"spiffe://spike.ist/" + "a".repeat(200_000), "^a/"},
        };
        for (String[] attack : attacks) {
            assertAnswer(400, "{\"err\":\"api_bad_request\"}", su("", policy("p", attack[0], attack[1], "[\"read\"]")));
        }
        assertEquals(404, su("get", "{\"id\":\"p\"}").status(), "nothing was stored");
        assertAnswer(200, "{}", su("", policy("after", "^spiffe://spike\\.ist/x$", "^a/", "[\"read\"]")));
        su("delete", "{\"id\":\"after\"}");
    }

    @Test
    void badGetAndDeleteIdsAre400() throws Exception {
        assertEquals(400, su("get", "{\"id\":\"\"}").status());
        assertEquals(400, su("get", "{\"id\":\"a/b\"}").status());
        assertEquals(400, su("delete", "{}").status());
    }

    @Test
    void aWorkloadReadsExactlyWhatItWasGranted() throws Exception {
        nexus.superuser("/v1/store/secrets", "", "{\"path\":\"tenants/demo/db/creds\",\"values\":{\"user\":\"demo\"}}");
        nexus.superuser("/v1/store/secrets", "", "{\"path\":\"tenants/other/db/creds\",\"values\":{\"user\":\"x\"}}");
        assertEquals(401, nexus.post(DEMO, "/v1/store/secrets", "get", "{\"path\":\"tenants/demo/db/creds\"}").status(),
                "default deny");
        assertAnswer(200, "{}", su("", policy("grant-demo", "^spiffe://spike\\.ist/workload/demo$",
                "^tenants/demo/db/.*$", "[\"read\"]")));
        assertAnswer(200, "{\"data\":{\"user\":\"demo\"}}",
                nexus.post(DEMO, "/v1/store/secrets", "get", "{\"path\":\"tenants/demo/db/creds\"}"));
        assertEquals(200, nexus.post(DEMO, "/v1/store/secrets/metadata", "get",
                "{\"path\":\"tenants/demo/db/creds\"}").status());
        assertAnswer(401, "{\"data\":null,\"err\":\"access_unauthorized\"}",
                nexus.post(DEMO, "/v1/store/secrets", "get", "{\"path\":\"tenants/other/db/creds\"}"));
        assertAnswer(401, "{\"err\":\"access_unauthorized\"}", nexus.post(DEMO, "/v1/store/secrets", "",
                "{\"path\":\"tenants/demo/db/creds\",\"values\":{\"user\":\"evil\"}}"));
        assertEquals(401, nexus.post(DEMO, "/v1/store/secrets", "list", "{}").status());
        assertEquals(401, nexus.post(DEMO, POLICY, "list", "{}").status());
        // A caller some policy applies to has its body read: malformed JSON is 400 (upstream's order).
        assertEquals(400, nexus.post(DEMO, "/v1/store/secrets", "get", "{not json").status());
        // Revoking takes effect at once.
        su("delete", "{\"id\":\"grant-demo\"}");
        assertEquals(401, nexus.post(DEMO, "/v1/store/secrets", "get", "{\"path\":\"tenants/demo/db/creds\"}").status());
    }

    @Test
    void delegatedPolicyManagementNeedsADeliberateGrant() throws Exception {
        String admin = "spiffe://spike.ist/workload/policy-admin";
        assertAnswer(200, "{}", su("", policy("acl-admin", "^spiffe://spike\\.ist/workload/policy-admin$",
                "^spike/system/acl$", "[\"read\",\"write\",\"list\"]")));
        assertAnswer(200, "{}", nexus.post(admin, POLICY, "", policy("made-by-admin", "^spiffe://spike\\.ist/w$",
                "^x/", "[\"read\"]")));
        assertEquals(200, nexus.post(admin, POLICY, "list", "{}").status());
        assertEquals(401, nexus.post(admin, "/v1/store/secrets", "list", "{}").status());
        assertEquals(401, nexus.post(admin + "-evil", POLICY, "list", "{}").status());
        su("delete", "{\"id\":\"acl-admin\"}");
        su("delete", "{\"id\":\"made-by-admin\"}");
    }
}
