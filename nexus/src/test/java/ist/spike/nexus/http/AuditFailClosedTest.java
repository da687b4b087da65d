package ist.spike.nexus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.nexus.NexusFixture;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail fails closed (docs/adr/0015-fail-closed-audit.md): a request whose audit line cannot be
 * written is answered 503 and has no effect, whether the sink fails (full disk, reader gone) or hangs.
 */
class AuditFailClosedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRETS = "/v1/store/secrets";
    private static final String REFUSED = "{\"err\":\"state_not_ready\"}";

    @TempDir
    Path dir;

    private static String put(String path, String value) {
        return "{\"path\":\"" + path + "\",\"values\":{\"v\":\"" + value + "\"}}";
    }

    private static String get(String path) {
        return "{\"path\":\"" + path + "\"}";
    }

    @Test
    void everyRouteRunIsAuditedBeforeAndAfterAndRefusalsOnce() throws Exception {
        try (NexusFixture nexus = NexusFixture.sqlite()) {
            assertEquals(200, nexus.superuser(SECRETS, "", put("audit/a", "s3cret-value")).status());
            assertEquals(401, nexus.post("spiffe://spike.ist/workload/stranger", SECRETS, "get", get("audit/a"))
                    .status());
            List<JsonNode> lines = new ArrayList<>();
            for (String line : nexus.auditLines()) {
                lines.add(JSON.readTree(line)); // every line one complete JSON object
                assertFalse(line.contains("s3cret-value"), line);
            }
            assertEquals(3, lines.size(), lines::toString);
            JsonNode request = lines.get(0);
            JsonNode response = lines.get(1);
            assertEquals("request", request.get("type").asText());
            assertEquals(NexusFixture.SUPERUSER, request.get("caller").asText());
            assertEquals("audit/a", request.get("path").asText());
            assertNull(request.get("outcome"));
            assertEquals("response", response.get("type").asText());
            assertEquals(request.get("trail"), response.get("trail"));
            assertEquals("ok", response.get("outcome").asText());
            JsonNode refused = lines.get(2);
            assertEquals("response", refused.get("type").asText());
            assertEquals("spiffe://spike.ist/workload/stranger", refused.get("caller").asText());
            assertEquals("access_unauthorized", refused.get("outcome").asText());
            assertEquals(401, refused.get("status").asInt());
        }
    }

    @Test
    void aFullDiskRefusesEveryRequest() throws Exception {
        try (NexusFixture nexus = NexusFixture.sqlite(Map.of("SPIKE_AUDIT_SINK", "/dev/full"))) {
            MtlsResponse put = nexus.superuser(SECRETS, "", put("audit/full", "x"));
            assertEquals(503, put.status(), put.bodyText());
            assertEquals(REFUSED, put.bodyText());
            assertEquals(503, nexus.superuser(SECRETS, "get", get("audit/full")).status());
            assertEquals(503, nexus.superuser("/v1/no/such/route", "", "{}").status());
            assertEquals(503, nexus.post("spiffe://spike.ist/workload/stranger", SECRETS, "get", get("x")).status());
        }
    }

    /** The reader of the audit pipe goes away and comes back: the put in between is refused and not stored. */
    @Test
    void aPutWhoseLineCannotBeWrittenIsRefusedAndHasNoEffect() throws Exception {
        Path fifo = FifoReader.create(dir.resolve("audit.fifo"));
        FifoReader first = new FifoReader(fifo);
        try (NexusFixture nexus = NexusFixture.sqlite(Map.of("SPIKE_AUDIT_SINK", fifo.toString()))) {
            assertEquals(200, nexus.superuser(SECRETS, "", put("audit/kept", "1")).status());
            assertTrue(first.next(10).contains("\"type\":\"request\""));
            first.close(); // no reader: the next write fails with "Broken pipe"

            MtlsResponse unaudited = nexus.superuser(SECRETS, "", put("audit/unaudited", "2"));
            assertEquals(503, unaudited.status(), unaudited.bodyText());
            assertEquals(REFUSED, unaudited.bodyText());

            try (FifoReader second = new FifoReader(fifo)) {
                MtlsResponse missing = nexus.superuser(SECRETS, "get", get("audit/unaudited"));
                assertEquals(404, missing.status(), "the refused put stored its secret: " + missing.bodyText());
                assertEquals(200, nexus.superuser(SECRETS, "get", get("audit/kept")).status());
                JsonNode request = JSON.readTree(second.next(10));
                assertEquals("request", request.get("type").asText());
                assertEquals("audit/unaudited", request.get("path").asText());
                assertEquals("get", request.get("action").asText());
                JsonNode response = JSON.readTree(second.next(10));
                assertEquals("api_not_found", response.get("outcome").asText());
            }
        } finally {
            first.close();
        }
    }

    /** Nobody reads the audit pipe: once it is full, requests are refused after SPIKE_AUDIT_TIMEOUT, not hung. */
    @Test
    void aStuckSinkFailsRequestsInsteadOfHangingThem() throws Exception {
        Path fifo = FifoReader.create(dir.resolve("stuck.fifo"));
        // Read and write: opening does not wait for a writer, and this end never reads.
        try (FileChannel neverRead = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
                NexusFixture nexus = NexusFixture.sqlite(Map.of("SPIKE_AUDIT_SINK", fifo.toString(),
                        "SPIKE_AUDIT_TIMEOUT", "1s"))) {
            MtlsResponse answer = null;
            for (int i = 0; i < 5000; i++) { // a pipe holds 64 KiB: a few hundred lines
                answer = nexus.superuser(SECRETS, "get", get("audit/stuck"));
                if (answer.status() != 404) {
                    break;
                }
            }
            assertNotNull(answer);
            assertEquals(503, answer.status(), answer.bodyText());
            assertEquals("{\"data\":null,\"err\":\"state_not_ready\"}", answer.bodyText());
            MtlsResponse put = nexus.superuser(SECRETS, "", put("audit/stuck", "x"));
            assertEquals(503, put.status(), put.bodyText());
        }
    }
}
