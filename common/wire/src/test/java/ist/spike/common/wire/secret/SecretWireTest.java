package ist.spike.common.wire.secret;

import static ist.spike.common.wire.WireAssert.assertMalformed;
import static ist.spike.common.wire.WireAssert.assertReads;
import static ist.spike.common.wire.WireAssert.assertRoundTrip;
import static ist.spike.common.wire.WireAssert.assertWrites;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.GoTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every secret route's bodies against JSON written the way upstream's Go structs are written. */
class SecretWireTest {
    private static final Instant T1 = Instant.parse("2026-07-25T20:37:48.123456789Z");
    private static final Instant T2 = Instant.parse("2026-07-26T08:00:00Z");

    // ---- put ----

    @Test
    void putRequest() {
        assertRoundTrip("{\"path\":\"tenants/demo/db/creds\",\"values\":{\"pass\":\"s3cr3t\",\"user\":\"admin\"}}",
                new SecretPutRequest("tenants/demo/db/creds", Map.of("user", "admin", "pass", "s3cr3t")));
        assertRoundTrip("{\"path\":\"p\",\"values\":null}", new SecretPutRequest("p", null));
        assertRoundTrip("{\"path\":\"p\",\"values\":{}}", new SecretPutRequest("p", Map.of()));
    }

    @Test
    void putRequestReadsGoStyleInput() {
        // upstream's struct has an unused err field; it and other unknown fields are ignored
        assertReads(new SecretPutRequest("p", Map.of("K", "v")),
                "{\"Path\":\"p\",\"VALUES\":{\"K\":\"v\"},\"err\":\"\",\"whatever\":1}");
    }

    @Test
    void putRequestToStringHidesValues() {
        String text = new SecretPutRequest("p", Map.of("user", "admin", "pass", "s3cr3t")).toString();
        assertEquals("SecretPutRequest[path=p, values={pass=***, user=***}]", text);
        assertFalse(text.contains("admin") || text.contains("s3cr3t"));
    }

    @Test
    void putResponse() {
        assertRoundTrip("{}", SecretPutResponse.OK);
        assertRoundTrip("{\"err\":\"api_bad_request\"}", SecretPutResponse.error(ErrorCode.API_BAD_REQUEST));
        assertRoundTrip("{\"err\":\"access_unauthorized\"}", SecretPutResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
        assertRoundTrip("{\"err\":\"state_not_ready\"}", SecretPutResponse.error(ErrorCode.STATE_NOT_READY));
        assertReads(SecretPutResponse.error(ErrorCode.API_INTERNAL_ERROR), "{\"ERR\":\"api_internal_error\"}");
    }

    // ---- get ----

    @Test
    void getRequest() {
        assertRoundTrip("{\"path\":\"a/b\"}", new SecretGetRequest("a/b", 0)); // version omitempty
        assertRoundTrip("{\"path\":\"a/b\",\"version\":3}", new SecretGetRequest("a/b", 3));
        assertReads(new SecretGetRequest("a/b", 2), "{\"pAtH\":\"a/b\",\"VERSION\":2,\"unknown\":[]}");
    }

    @Test
    void getResponse() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("user", "admin");
        data.put("pass", "<&>");
        assertRoundTrip("{\"data\":{\"pass\":\"\\u003c\\u0026\\u003e\",\"user\":\"admin\"}}", SecretGetResponse.of(data));
        assertReads(SecretGetResponse.of(Map.of("k", "v")), "{\"Data\":{\"k\":\"v\"},\"Err\":\"\"}");
    }

    @Test
    void getErrorBodiesKeepDataAsNull() {
        assertRoundTrip("{\"data\":null,\"err\":\"api_not_found\"}", SecretGetResponse.error(ErrorCode.API_NOT_FOUND));
        assertRoundTrip("{\"data\":null,\"err\":\"api_bad_request\"}", SecretGetResponse.error(ErrorCode.API_BAD_REQUEST));
        assertRoundTrip("{\"data\":null,\"err\":\"access_unauthorized\"}",
                SecretGetResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
        assertRoundTrip("{\"data\":null,\"err\":\"api_internal_error\"}",
                SecretGetResponse.error(ErrorCode.API_INTERNAL_ERROR));
        assertRoundTrip("{\"data\":null,\"err\":\"state_not_ready\"}", SecretGetResponse.error(ErrorCode.STATE_NOT_READY));
    }

    @Test
    void getResponseToStringHidesValues() {
        assertEquals("SecretGetResponse[data={k=***}, err=]", SecretGetResponse.of(Map.of("k", "secret")).toString());
        assertEquals("SecretGetResponse[data=null, err=api_not_found]",
                SecretGetResponse.error(ErrorCode.API_NOT_FOUND).toString());
    }

    // ---- delete / undelete ----

    @Test
    void deleteRequest() {
        assertRoundTrip("{\"path\":\"a\",\"versions\":[1,2,3]}", new SecretDeleteRequest("a", List.of(1, 2, 3)));
        assertRoundTrip("{\"path\":\"a\",\"versions\":[]}", new SecretDeleteRequest("a", List.of()));
        assertRoundTrip("{\"path\":\"a\",\"versions\":null}", new SecretDeleteRequest("a", null));
        assertReads(new SecretDeleteRequest("a", null), "{\"PATH\":\"a\"}");
        assertReads(new SecretDeleteRequest("a", List.of(0)), "{\"Versions\":[0],\"path\":\"a\",\"x\":null}");
    }

    @Test
    void deleteResponse() {
        assertRoundTrip("{}", SecretDeleteResponse.OK);
        assertRoundTrip("{\"err\":\"api_not_found\"}", SecretDeleteResponse.error(ErrorCode.API_NOT_FOUND));
        assertRoundTrip("{\"err\":\"api_internal_error\"}", SecretDeleteResponse.error(ErrorCode.API_INTERNAL_ERROR));
    }

    @Test
    void undeleteRequest() {
        assertRoundTrip("{\"path\":\"a\",\"versions\":[2]}", new SecretUndeleteRequest("a", List.of(2)));
        assertRoundTrip("{\"path\":\"a\",\"versions\":null}", new SecretUndeleteRequest("a", null));
        assertReads(new SecretUndeleteRequest("a", List.of(4, 5)), "{\"path\":\"a\",\"VERSIONS\":[4,5]}");
    }

    @Test
    void undeleteResponse() {
        assertRoundTrip("{}", SecretUndeleteResponse.OK);
        assertRoundTrip("{\"err\":\"api_not_found\"}", SecretUndeleteResponse.error(ErrorCode.API_NOT_FOUND));
        assertRoundTrip("{\"err\":\"access_unauthorized\"}", SecretUndeleteResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
    }

    // ---- list ----

    @Test
    void listRequest() {
        assertRoundTrip("{}", SecretListRequest.INSTANCE);
        assertReads(SecretListRequest.INSTANCE, "{\"anything\":\"ignored\"}");
    }

    @Test
    void listResponse() {
        assertRoundTrip("{\"keys\":[\"a\",\"b/c\"]}", SecretListResponse.of(List.of("a", "b/c")));
        assertRoundTrip("{\"keys\":[]}", SecretListResponse.of(List.of()));
        assertWrites("{\"keys\":[]}", SecretListResponse.of(null));
        assertRoundTrip("{\"keys\":null,\"err\":\"access_unauthorized\"}",
                SecretListResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
        assertRoundTrip("{\"keys\":null,\"err\":\"state_not_ready\"}", SecretListResponse.error(ErrorCode.STATE_NOT_READY));
        assertReads(SecretListResponse.of(List.of("x")), "{\"KEYS\":[\"x\"]}");
    }

    // ---- metadata ----

    @Test
    void metadataRequest() {
        assertRoundTrip("{\"path\":\"a\"}", new SecretMetadataRequest("a", 0));
        assertRoundTrip("{\"path\":\"a\",\"version\":7}", new SecretMetadataRequest("a", 7));
        assertReads(new SecretMetadataRequest("a", 7), "{\"Path\":\"a\",\"Version\":7,\"extra\":true}");
    }

    @Test
    void metadataResponseSortsVersionKeysAsStringsLikeGo() {
        Map<Integer, SecretVersionInfo> versions = new LinkedHashMap<>();
        versions.put(2, new SecretVersionInfo(T2, 2, null));
        versions.put(10, new SecretVersionInfo(T2, 10, null));
        versions.put(1, new SecretVersionInfo(T1, 1, T2));
        SecretMetadataContent metadata = new SecretMetadataContent(10, 1, T1, T2, 10);
        assertRoundTrip("{\"versions\":{"
                + "\"1\":{\"createdTime\":\"2026-07-25T20:37:48.123456789Z\",\"version\":1,\"deletedTime\":\"2026-07-26T08:00:00Z\"},"
                + "\"10\":{\"createdTime\":\"2026-07-26T08:00:00Z\",\"version\":10,\"deletedTime\":null},"
                + "\"2\":{\"createdTime\":\"2026-07-26T08:00:00Z\",\"version\":2,\"deletedTime\":null}},"
                + "\"metadata\":{\"currentVersion\":10,\"oldestVersion\":1,\"createdTime\":\"2026-07-25T20:37:48.123456789Z\","
                + "\"updatedTime\":\"2026-07-26T08:00:00Z\",\"maxVersions\":10}}",
                SecretMetadataResponse.of(versions, metadata));
    }

    @Test
    void metadataResponseOmitsAnEmptyVersionsMap() {
        String zeroMetadata = "{\"currentVersion\":0,\"oldestVersion\":0,\"createdTime\":\"0001-01-01T00:00:00Z\","
                + "\"updatedTime\":\"0001-01-01T00:00:00Z\",\"maxVersions\":0}";
        assertWrites("{\"metadata\":" + zeroMetadata + "}", SecretMetadataResponse.of(Map.of(), SecretMetadataContent.ZERO));
        assertRoundTrip("{\"metadata\":" + zeroMetadata + "}", SecretMetadataResponse.of(null, SecretMetadataContent.ZERO));
    }

    @Test
    void metadataErrorBodyWritesTheZeroMetadataStruct() {
        String zeroMetadata = "{\"currentVersion\":0,\"oldestVersion\":0,\"createdTime\":\"0001-01-01T00:00:00Z\","
                + "\"updatedTime\":\"0001-01-01T00:00:00Z\",\"maxVersions\":0}";
        assertRoundTrip("{\"metadata\":" + zeroMetadata + ",\"err\":\"api_not_found\"}",
                SecretMetadataResponse.error(ErrorCode.API_NOT_FOUND));
        assertRoundTrip("{\"metadata\":" + zeroMetadata + ",\"err\":\"access_unauthorized\"}",
                SecretMetadataResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
        // reading an error body without metadata still yields the zero struct, as Go would
        assertReads(SecretMetadataResponse.error(ErrorCode.API_NOT_FOUND), "{\"err\":\"api_not_found\"}");
    }

    @Test
    void metadataResponseReadsGoStyleInput() {
        SecretMetadataResponse expected = SecretMetadataResponse.of(
                Map.of(3, new SecretVersionInfo(Instant.parse("2026-07-26T03:37:48.5Z"), 3, null)),
                new SecretMetadataContent(3, 3, GoTime.ZERO, T2, 10));
        assertReads(expected, "{\"Versions\":{\"3\":{\"CreatedTime\":\"2026-07-25T20:37:48.5-07:00\",\"VERSION\":3}},"
                + "\"METADATA\":{\"currentversion\":3,\"OldestVersion\":3,\"updatedTime\":\"2026-07-26T08:00:00Z\","
                + "\"maxVersions\":10,\"future\":1}}");
    }

    @Test
    void metadataVersionKeysMustBeIntegers() {
        assertMalformed("{\"versions\":{\"one\":{}}}", SecretMetadataResponse.class);
        assertMalformed("{\"versions\":{\"1.5\":{}}}", SecretMetadataResponse.class);
    }
}
