package ist.spike.nexus.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.shamir.Shamir;
import ist.spike.nexus.NexusFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The health listener of a real Nexus: readiness follows the root key, three paths only, no secret in labels. */
class HealthListenerTest {
    private static final Map<String, String> ON = Map.of("SPIKE_NEXUS_HEALTH_ADDRESS", "127.0.0.1:0");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void sealedNexusIsLiveButNotReadyUntilItsRootKeyIsIn() throws Exception {
        try (NexusFixture nexus = NexusFixture.waitingForKey(ON)) {
            assertEquals(200, get(nexus, "/live").statusCode());
            HttpResponse<String> ready = get(nexus, "/ready");
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("\"ready\":false") && ready.body().contains("sealed"), ready.body());
            assertTrue(scrape(nexus).contains("spike_nexus_ready 0.0"));

            assertTrue(nexus.offerRootKey(Shamir.newRootKey()));
            HttpResponse<String> readyNow = get(nexus, "/ready");
            assertEquals(200, readyNow.statusCode(), readyNow.body());
            assertTrue(scrape(nexus).contains("spike_nexus_ready 1.0"));
        }
    }

    @Test
    void answersItsThreePathsAndNothingElse() throws Exception {
        try (NexusFixture nexus = NexusFixture.sqlite(ON)) {
            for (String path : new String[] {"/", "/metrics/", "/live/x", "/-/healthy", "/v1/store/secrets",
                "/ready/../metrics", "/%2e%2e/metrics", "/LIVE"}) {
                assertEquals(404, get(nexus, path).statusCode(), path);
            }
            for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS"}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(nexus, "/ready"))
                        .method(method, HttpRequest.BodyPublishers.ofString("x")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(405, r.statusCode(), method);
            }
            HttpResponse<String> head = http.send(HttpRequest.newBuilder(uri(nexus, "/ready"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
        }
    }

    @Test
    void offUnlessConfigured() throws Exception {
        try (NexusFixture nexus = NexusFixture.sqlite()) {
            assertEquals(-1, nexus.server.healthPort());
        }
    }

    @Test
    void noLabelHoldsAPathAValueOrACaller() throws Exception {
        try (NexusFixture nexus = NexusFixture.sqlite(ON)) {
            String path = "marker-path-7f3a/db";
            nexus.superuser("/v1/store/secrets", "", "{\"path\":\"" + path + "\",\"values\":{\"k\":\"marker-value-9c1e\"}}");
            nexus.superuser("/v1/store/secrets", "get", "{\"path\":\"" + path + "\"}");
            nexus.superuser("/v1/store/secrets/marker-route-55d2", "get", "{}");
            nexus.post("spiffe://spike.ist/workload/marker-caller-31b0", "/v1/store/secrets", "get",
                    "{\"path\":\"" + path + "\"}");
            String scrape = scrape(nexus);
            for (String marker : new String[] {"marker", "spiffe://", "spike.ist", "7f3a", "9c1e", "55d2", "31b0"}) {
                assertFalse(scrape.contains(marker), marker + " appears in /metrics");
            }
            assertEquals(1, sample(scrape, "spike_nexus_requests_total{action=\"none\",route=\"/v1/store/secrets\",status=\"200\"}"));
            assertEquals(1, sample(scrape, "spike_nexus_requests_total{action=\"get\",route=\"/v1/store/secrets\",status=\"200\"}"));
            assertEquals(1, sample(scrape, "spike_nexus_requests_total{action=\"get\",route=\"/v1/store/secrets\",status=\"401\"}"));
            assertEquals(1, sample(scrape, "spike_nexus_requests_total{action=\"none\",route=\"unknown\",status=\"400\"}"));
            assertTrue(sample(scrape, "spike_nexus_secrets") >= 1);
            assertTrue(sample(scrape, "spike_nexus_audit_lines_written_total") >= 6);
            assertTrue(scrape.contains("jvm_memory_used_bytes"));
        }
    }

    static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(m.find(), series + " not in:\n" + scrape);
        return Double.parseDouble(m.group(1));
    }

    private String scrape(NexusFixture nexus) throws IOException, InterruptedException {
        HttpResponse<String> r = get(nexus, "/metrics");
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private HttpResponse<String> get(NexusFixture nexus, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(nexus, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(NexusFixture nexus, String path) {
        return URI.create("http://127.0.0.1:" + nexus.server.healthPort() + path);
    }
}
