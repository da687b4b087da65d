package ist.spike.nexus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.nexus.NexusFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every secrets route against a real Nexus (SQLite, real mTLS), asserting status and exact bodies. */
class SecretApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static NexusFixture nexus;

    @BeforeAll
    static void start() throws Exception {
        nexus = NexusFixture.sqlite(Map.of("SPIKE_NEXUS_MAX_SECRET_VERSIONS", "3"));
    }

    @AfterAll
    static void stop() throws Exception {
        nexus.close();
    }

    private static MtlsResponse su(String path, String action, String json) throws Exception {
        return nexus.superuser(path, action, json);
    }

    private static void assertAnswer(int status, String body, MtlsResponse response) {
        assertEquals(status, response.status(), () -> "body: " + response.bodyText());
        assertEquals(body, response.bodyText());
    }

    @Test
    void putThenGetReturnsTheValues() throws Exception {
        assertAnswer(200, "{}", su("/v1/store/secrets", "", "{\"path\":\"app/db\",\"values\":{\"user\":\"admin\",\"pass\":\"s3<cr>t&\"}}"));
        assertAnswer(200, "{\"data\":{\"pass\":\"s3\\u003ccr\\u003et\\u0026\",\"user\":\"admin\"}}",
                su("/v1/store/secrets", "get", "{\"path\":\"app/db\"}"));
    }

    @Test
    void getOfAMissingPathIs404WithNullData() throws Exception {
        assertAnswer(404, "{\"data\":null,\"err\":\"api_not_found\"}",
                su("/v1/store/secrets", "get", "{\"path\":\"no/such/secret\"}"));
    }

    @Test
    void versionsAreNumberedAndReadable() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertAnswer(200, "{}", su("/v1/store/secrets", "", "{\"path\":\"v/app\",\"values\":{\"n\":\"" + i + "\"}}"));
        }
        assertAnswer(200, "{\"data\":{\"n\":\"1\"}}", su("/v1/store/secrets", "get", "{\"path\":\"v/app\",\"version\":1}"));
        assertAnswer(200, "{\"data\":{\"n\":\"3\"}}", su("/v1/store/secrets", "get", "{\"path\":\"v/app\"}"));
        assertAnswer(404, "{\"data\":null,\"err\":\"api_not_found\"}",
                su("/v1/store/secrets", "get", "{\"path\":\"v/app\",\"version\":9}"));
    }

    @Test
    void versionsPastTheLimitAreGone() throws Exception {
        for (int i = 1; i <= 5; i++) {
            su("/v1/store/secrets", "", "{\"path\":\"max/app\",\"values\":{\"n\":\"" + i + "\"}}");
        }
        assertEquals(404, su("/v1/store/secrets", "get", "{\"path\":\"max/app\",\"version\":2}").status());
        JsonNode meta = JSON.readTree(su("/v1/store/secrets/metadata", "get", "{\"path\":\"max/app\"}").body());
        assertEquals(List.of("3", "4", "5"), fieldNames(meta.get("versions")));
        assertEquals(5, meta.at("/metadata/currentVersion").asInt());
        assertEquals(3, meta.at("/metadata/oldestVersion").asInt());
        assertEquals(3, meta.at("/metadata/maxVersions").asInt());
        assertEquals(4, meta.at("/versions/4/version").asInt());
    }

    @Test
    void deletingTheCurrentVersionFallsBackToTheHighestLiveOne() throws Exception {
        su("/v1/store/secrets", "", "{\"path\":\"del/app\",\"values\":{\"n\":\"1\"}}");
        su("/v1/store/secrets", "", "{\"path\":\"del/app\",\"values\":{\"n\":\"2\"}}");
        assertAnswer(200, "{}", su("/v1/store/secrets", "delete", "{\"path\":\"del/app\"}"));
        assertAnswer(200, "{\"data\":{\"n\":\"1\"}}", su("/v1/store/secrets", "get", "{\"path\":\"del/app\"}"));
        assertAnswer(404, "{\"data\":null,\"err\":\"api_not_found\"}",
                su("/v1/store/secrets", "get", "{\"path\":\"del/app\",\"version\":2}"));
        JsonNode meta = JSON.readTree(su("/v1/store/secrets/metadata", "get", "{\"path\":\"del/app\"}").body());
        assertTrue(meta.at("/versions/2/deletedTime").isTextual());
        assertTrue(meta.at("/versions/1/deletedTime").isNull());
        assertEquals(1, meta.at("/metadata/currentVersion").asInt());
    }

    @Test
    void allDeletedThenUndeleteBringsBackTheHighest() throws Exception {
        su("/v1/store/secrets", "", "{\"path\":\"und/app\",\"values\":{\"n\":\"1\"}}");
        su("/v1/store/secrets", "", "{\"path\":\"und/app\",\"values\":{\"n\":\"2\"}}");
        assertAnswer(200, "{}", su("/v1/store/secrets", "delete", "{\"path\":\"und/app\",\"versions\":[1,2]}"));
        assertAnswer(404, "{\"data\":null,\"err\":\"api_not_found\"}",
                su("/v1/store/secrets", "get", "{\"path\":\"und/app\"}"));
        assertEquals(404, su("/v1/store/secrets/metadata", "get", "{\"path\":\"und/app\"}").status());
        assertAnswer(200, "{}", su("/v1/store/secrets", "undelete", "{\"path\":\"und/app\",\"versions\":[]}"));
        assertAnswer(200, "{\"data\":{\"n\":\"2\"}}", su("/v1/store/secrets", "get", "{\"path\":\"und/app\"}"));
        assertAnswer(200, "{}", su("/v1/store/secrets", "undelete", "{\"path\":\"und/app\",\"versions\":[1]}"));
        assertAnswer(200, "{\"data\":{\"n\":\"1\"}}", su("/v1/store/secrets", "get", "{\"path\":\"und/app\",\"version\":1}"));
    }

    @Test
    void deleteAndUndeleteOfAMissingPathAre404() throws Exception {
        assertAnswer(404, "{\"err\":\"api_not_found\"}", su("/v1/store/secrets", "delete", "{\"path\":\"ghost\"}"));
        assertAnswer(404, "{\"err\":\"api_not_found\"}", su("/v1/store/secrets", "undelete", "{\"path\":\"ghost\"}"));
    }

    @Test
    void listIsSortedAndKeepsFullyDeletedPaths() throws Exception {
        try (NexusFixture fresh = NexusFixture.sqlite()) {
            assertAnswer(200, "{\"keys\":[]}", fresh.superuser("/v1/store/secrets", "list", "{}"));
            for (String path : List.of("b/x", "a", "c/d/e", "a/b")) {
                fresh.superuser("/v1/store/secrets", "", "{\"path\":\"" + path + "\",\"values\":{\"k\":\"v\"}}");
            }
            fresh.superuser("/v1/store/secrets", "delete", "{\"path\":\"a\"}");
            assertAnswer(200, "{\"keys\":[\"a\",\"a/b\",\"b/x\",\"c/d/e\"]}",
                    fresh.superuser("/v1/store/secrets", "list", "{}"));
        }
    }

    @Test
    void metadataOfAMissingPathIs404WithZeroMetadata() throws Exception {
        assertAnswer(404, "{\"metadata\":{\"currentVersion\":0,\"oldestVersion\":0,\"createdTime\":\"0001-01-01T00:00:00Z\","
                + "\"updatedTime\":\"0001-01-01T00:00:00Z\",\"maxVersions\":0},\"err\":\"api_not_found\"}",
                su("/v1/store/secrets/metadata", "get", "{\"path\":\"nothing/here\"}"));
    }

    @Test
    void responsesCarryNoStoreHeaders() throws Exception {
        MtlsResponse r = su("/v1/store/secrets", "list", "{}");
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
        assertEquals("no-store, no-cache, must-revalidate, private", r.headers().firstValue("cache-control").orElse(""));
        assertEquals("no-cache", r.headers().firstValue("pragma").orElse(""));
        assertEquals("0", r.headers().firstValue("expires").orElse(""));
    }

    @Test
    void withoutAPolicyOnlyTheSuperuserMayUseSecrets() throws Exception {
        su("/v1/store/secrets", "", "{\"path\":\"guarded\",\"values\":{\"k\":\"v\"}}");
        for (String id : List.of("spiffe://spike.ist/workload/app", "spiffe://spike.ist/spike/pilot/role/recover",
                "spiffe://spike.ist/spike/nexus", "spiffe://spike.ist/spike/pilot/role/superuserx")) {
            assertAnswer(401, "{\"data\":null,\"err\":\"access_unauthorized\"}",
                    nexus.post(id, "/v1/store/secrets", "get", "{\"path\":\"guarded\"}"));
            assertAnswer(401, "{\"err\":\"access_unauthorized\"}",
                    nexus.post(id, "/v1/store/secrets", "", "{\"path\":\"guarded\",\"values\":{\"k\":\"evil\"}}"));
            // An unauthorised caller learns nothing from validation: a broken body is still 401.
            assertEquals(401, nexus.post(id, "/v1/store/secrets", "", "{not json").status());
        }
        assertAnswer(200, "{\"data\":{\"k\":\"v\"}}", su("/v1/store/secrets", "get", "{\"path\":\"guarded\"}"));
    }

    @Test
    void superuserChildIdIsASuperuserToo() throws Exception {
        assertEquals(200, nexus.post(NexusFixture.SUPERUSER + "/alice", "/v1/store/secrets", "list", "{}").status());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void metadataVersionsHaveTheirNumbers() throws Exception {
        su("/v1/store/secrets", "", "{\"path\":\"meta/app\",\"values\":{\"k\":\"1\"}}");
        su("/v1/store/secrets", "", "{\"path\":\"meta/app\",\"values\":{\"k\":\"2\"}}");
        JsonNode meta = JSON.readTree(su("/v1/store/secrets/metadata", "get", "{\"path\":\"meta/app\",\"version\":1}").body());
        assertEquals(List.of("1", "2"), fieldNames(meta.get("versions")));
        assertEquals(1, meta.at("/versions/1/version").asInt());
        assertEquals(2, meta.at("/versions/2/version").asInt());
        assertTrue(meta.at("/metadata/createdTime").asText().endsWith("Z"));
        assertNull(meta.get("err"));
    }
}
