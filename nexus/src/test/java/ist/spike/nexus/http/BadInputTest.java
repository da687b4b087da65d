package ist.spike.nexus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ist.spike.common.tls.MtlsResponse;
import ist.spike.nexus.NexusFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed, oversized and invalid requests get 400 and change nothing in the store. */
class BadInputTest {
    private static NexusFixture nexus;
    private static String before;

    @BeforeAll
    static void start() throws Exception {
        nexus = NexusFixture.sqlite(Map.of("SPIKE_NEXUS_MAX_REQUEST_BODY_BYTES", "4096"));
        nexus.superuser("/v1/store/secrets", "", "{\"path\":\"keep/me\",\"values\":{\"k\":\"v\"}}");
        before = snapshot();
    }

    @AfterAll
    static void stop() throws Exception {
        assertEquals(before, snapshot(), "the store changed");
        nexus.close();
    }

    /** Everything a reader can see of the store. */
    private static String snapshot() throws Exception {
        return nexus.superuser("/v1/store/secrets", "list", "{}").bodyText()
                + nexus.superuser("/v1/store/secrets", "get", "{\"path\":\"keep/me\"}").bodyText()
                + nexus.superuser("/v1/store/secrets/metadata", "get", "{\"path\":\"keep/me\"}").bodyText();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "{", "null x", "[]", "\"text\"", "42", "{\"path\":5,\"values\":{}}", "{\"path\":\"a\",\"values\":[1]}",
        "{\"path\":\"a\",\"values\":{\"k\":1}}", "{\"path\":\"keep/me\",\"values\":{\"k\":\"x\"}} trailing",
        "{\"path\":\"\",\"values\":{\"k\":\"v\"}}", "{\"path\":\"bad path\",\"values\":{\"k\":\"v\"}}",
        "{\"path\":\"^anchored\",\"values\":{\"k\":\"v\"}}", "{\"path\":\"ok\",\"values\":{\"bad/key\":\"v\"}}",
        "{\"path\":\"ok\",\"values\":{\"\":\"v\"}}"
    })
    void badPutIs400(String body) throws Exception {
        MtlsResponse r = nexus.superuser("/v1/store/secrets", "", body);
        assertEquals(400, r.status(), r.bodyText());
        assertEquals("{\"err\":\"api_bad_request\"}", r.bodyText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"path\":\"keep/me\",\"version\":-1}", "{\"path\":\"keep/me\",\"version\":\"1\"}",
        "{\"path\":\"keep/me\",\"version\":1.5}", "{\"path\":\"\"}", "{}"})
    void badGetIs400WithNullData(String body) throws Exception {
        MtlsResponse r = nexus.superuser("/v1/store/secrets", "get", body);
        assertEquals(400, r.status(), r.bodyText());
        assertEquals("{\"data\":null,\"err\":\"api_bad_request\"}", r.bodyText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"path\":\"keep/me\",\"versions\":[-1]}", "{\"path\":\"keep/me\",\"versions\":\"1\"}"})
    void badDeleteIs400(String body) throws Exception {
        assertEquals(400, nexus.superuser("/v1/store/secrets", "delete", body).status());
        assertEquals(400, nexus.superuser("/v1/store/secrets", "undelete", body).status());
    }

    @Test
    void oversizedBodyIs400() throws Exception {
        String big = "{\"path\":\"keep/me\",\"values\":{\"k\":\"" + "x".repeat(8192) + "\"}}";
        MtlsResponse r = nexus.superuser("/v1/store/secrets", "", big);
        assertEquals(400, r.status());
        assertEquals("{\"err\":\"api_bad_request\"}", r.bodyText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/store/secrets?action=read", "/v1/store/secrets?action=LIST", "/v1/store/secret",
        "/v1/store/secrets/", "/", "/v1/acl/nothing", "/v1/store/secrets/metadata"})
    void unknownRouteOrActionIs400(String pathAndQuery) throws Exception {
        URI url = URI.create("https://localhost:" + nexus.server.port() + pathAndQuery);
        MtlsResponse r = nexus.clientAs(NexusFixture.SUPERUSER).post(url, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status());
        assertEquals("{\"err\":\"api_bad_request\"}", r.bodyText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void otherMethodsAre400(String method) throws Exception {
        HttpClient http = nexus.clientAs(NexusFixture.SUPERUSER).httpClient();
        HttpRequest request = HttpRequest.newBuilder(nexus.url("/v1/store/secrets", "list"))
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertEquals("{\"err\":\"api_bad_request\"}", r.body());
    }
}
