package ist.spike.nexus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ist.spike.common.tls.MtlsResponse;
import ist.spike.nexus.NexusFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * While Nexus waits for its root key, a caller no role or policy could ever admit gets 401: only callers
 * who might be let in once it is ready learn that it is sealed (503).
 */
class SealedAnswersTest {
    private static final String LITE = "spiffe://spike.ist/spike/workload/role/lite/app";
    private static final String WORKLOAD = "spiffe://spike.ist/workload/app";
    private static NexusFixture nexus;

    @BeforeAll
    static void start() throws Exception {
        nexus = NexusFixture.waitingForKey();
    }

    @AfterAll
    static void stop() throws Exception {
        nexus.close();
    }

    private static void assertStatus(int status, String caller, String path, String action) throws Exception {
        MtlsResponse answer = nexus.post(caller, path, action, "{\"path\":\"a/b\"}");
        assertEquals(status, answer.status(), () -> caller + " " + path + "?action=" + action + ": "
                + answer.bodyText());
    }

    @Test
    void callersNothingCouldAdmitGet401() throws Exception {
        assertStatus(401, LITE, "/v1/store/secrets", "get"); // lite workloads never read secrets
        assertStatus(401, LITE, "/v1/acl/policy", "list");
        assertStatus(401, WORKLOAD, "/v1/operator/keys", ""); // superuser only
        assertStatus(401, WORKLOAD, "/v1/operator/backup", "");
        assertStatus(401, LITE, "/v1/operator/rotate", "");
    }

    @Test
    void callersThatCouldBeAdmittedLearnNexusIsSealed() throws Exception {
        assertStatus(503, NexusFixture.SUPERUSER, "/v1/store/secrets", "get");
        assertStatus(503, NexusFixture.SUPERUSER, "/v1/operator/keys", "");
        assertStatus(503, WORKLOAD, "/v1/store/secrets", "get"); // a policy may name it once loaded
        assertStatus(503, WORKLOAD, "/v1/cipher/encrypt", "");
        assertStatus(503, LITE, "/v1/cipher/encrypt", "");
    }
}
