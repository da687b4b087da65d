package ist.spike.nexus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ist.spike.nexus.NexusFixture;
import org.junit.jupiter.api.Test;

/**
 * A request refused before its body is read (wrong caller, unknown route) still has its body on the
 * connection. Nexus does not read it: it closes the connection after the answer, and the client must
 * still get that answer (not a reset) and be able to go on with its next request.
 */
class ConnectionReuseTest {
    @Test
    void requestsRefusedBeforeTheirBodyIsReadLeaveTheConnectionUsable() throws Exception {
        try (NexusFixture nexus = NexusFixture.sqlite()) {
            String stranger = "spiffe://spike.ist/workload/stranger";
            String big = "{\"path\":\"keep/me\",\"pad\":\"" + "x".repeat(300_000) + "\"}";
            for (int i = 0; i < 8; i++) {
                assertEquals(401, nexus.post(stranger, "/v1/store/secrets", "get", big).status());
                assertEquals(400, nexus.post(stranger, "/v1/no/such/route", "", big).status());
                assertEquals(401, nexus.post(stranger, "/v1/store/secrets", "list", "{}").status());
            }
        }
    }
}
