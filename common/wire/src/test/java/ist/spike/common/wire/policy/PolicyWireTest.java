package ist.spike.common.wire.policy;

import static ist.spike.common.wire.WireAssert.assertReads;
import static ist.spike.common.wire.WireAssert.assertRoundTrip;
import static ist.spike.common.wire.WireAssert.assertWrites;

import ist.spike.common.wire.ErrorCode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every policy route's bodies, including the write/read key difference (spiffeidPattern vs spiffiedPattern). */
class PolicyWireTest {
    private static final Instant CREATED = Instant.parse("2026-07-25T20:37:48.123456789Z");
    private static final Instant UPDATED = Instant.parse("2026-07-25T21:00:00.5Z");

    @Test
    void putRequestUsesTheCorrectlySpelledKey() {
        assertRoundTrip("{\"name\":\"workload-can-read\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/workload/.*$\","
                        + "\"pathPattern\":\"^tenants/demo/db/.*$\",\"permissions\":[\"read\",\"list\"]}",
                new PolicyPutRequest("workload-can-read", "^spiffe://spike\\.ist/workload/.*$", "^tenants/demo/db/.*$",
                        List.of("read", "list")));
        assertRoundTrip("{\"name\":\"\",\"spiffeidPattern\":\"\",\"pathPattern\":\"\",\"permissions\":null}",
                new PolicyPutRequest(null, null, null, null));
    }

    @Test
    void putRequestReadsGoStyleInput() {
        assertReads(new PolicyPutRequest("n", "^spiffe://a$", "^p$", List.of("super")),
                "{\"NAME\":\"n\",\"SpiffeIdPattern\":\"^spiffe://a$\",\"PathPattern\":\"^p$\",\"permissions\":[\"super\"],"
                        + "\"id\":\"ignored\"}");
        // the read model's typo is not the write model's key: Go ignores it, so do we
        assertReads(new PolicyPutRequest("n", "", "", null), "{\"name\":\"n\",\"spiffiedPattern\":\"^spiffe://a$\"}");
        // Go reads a null element of []string as ""
        assertReads(new PolicyPutRequest("n", "", "", Arrays.asList("read", "")),
                "{\"name\":\"n\",\"permissions\":[\"read\",null]}");
    }

    @Test
    void putResponse() {
        assertRoundTrip("{}", PolicyPutResponse.OK);
        assertRoundTrip("{\"err\":\"api_bad_request\"}", PolicyPutResponse.error(ErrorCode.API_BAD_REQUEST));
        assertRoundTrip("{\"err\":\"api_internal_error\"}", PolicyPutResponse.error(ErrorCode.API_INTERNAL_ERROR));
        assertRoundTrip("{\"id\":\"x\"}", new PolicyPutResponse("x", ""));
    }

    @Test
    void getAndDeleteRequestsCarryTheNameAsId() {
        assertRoundTrip("{\"id\":\"workload-can-read\"}", new PolicyGetRequest("workload-can-read"));
        assertRoundTrip("{\"id\":\"\"}", new PolicyGetRequest(null));
        assertReads(new PolicyGetRequest("n"), "{\"ID\":\"n\",\"name\":\"other\"}");
        assertRoundTrip("{\"id\":\"workload-can-read\"}", new PolicyDeleteRequest("workload-can-read"));
        assertReads(new PolicyDeleteRequest("n"), "{\"Id\":\"n\"}");
    }

    @Test
    void getResponseUsesUpstreamsTypoKey() {
        assertRoundTrip("{\"id\":\"\",\"name\":\"workload-can-read\",\"spiffiedPattern\":\"^spiffe://spike\\\\.ist/workload/.*$\","
                        + "\"pathPattern\":\"^tenants/demo/db/.*$\",\"permissions\":[\"read\"],"
                        + "\"createdAt\":\"2026-07-25T20:37:48.123456789Z\",\"updatedAt\":\"2026-07-25T21:00:00.5Z\"}",
                PolicyGetResponse.of("workload-can-read", "^spiffe://spike\\.ist/workload/.*$", "^tenants/demo/db/.*$",
                        List.of("read"), CREATED, UPDATED));
    }

    @Test
    void getResponseReadsGoStyleInput() {
        assertReads(PolicyGetResponse.of("n", "^spiffe://a$", "p", List.of("read"), CREATED, UPDATED),
                "{\"ID\":\"\",\"Name\":\"n\",\"SPIFFIEDPATTERN\":\"^spiffe://a$\",\"pathpattern\":\"p\","
                        + "\"Permissions\":[\"read\"],\"CreatedAt\":\"2026-07-25T13:37:48.123456789-07:00\","
                        + "\"updatedAt\":\"2026-07-25T21:00:00.500Z\",\"IDRegex\":null}");
    }

    @Test
    void getErrorBodyIsTheZeroPolicy() {
        String zero = "{\"id\":\"\",\"name\":\"\",\"spiffiedPattern\":\"\",\"pathPattern\":\"\",\"permissions\":null,"
                + "\"createdAt\":\"0001-01-01T00:00:00Z\",\"updatedAt\":\"0001-01-01T00:00:00Z\",";
        assertRoundTrip(zero + "\"err\":\"api_not_found\"}", PolicyGetResponse.error(ErrorCode.API_NOT_FOUND));
        assertRoundTrip(zero + "\"err\":\"api_bad_request\"}", PolicyGetResponse.error(ErrorCode.API_BAD_REQUEST));
        assertRoundTrip(zero + "\"err\":\"access_unauthorized\"}", PolicyGetResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
        assertRoundTrip(zero + "\"err\":\"api_internal_error\"}", PolicyGetResponse.error(ErrorCode.API_INTERNAL_ERROR));
        assertReads(PolicyGetResponse.error(ErrorCode.API_NOT_FOUND), "{\"err\":\"api_not_found\"}");
    }

    @Test
    void deleteResponse() {
        assertRoundTrip("{}", PolicyDeleteResponse.OK);
        assertRoundTrip("{\"err\":\"api_not_found\"}", PolicyDeleteResponse.error(ErrorCode.API_NOT_FOUND));
        assertRoundTrip("{\"err\":\"access_unauthorized\"}", PolicyDeleteResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
    }

    @Test
    void listRequestWritesBothFilters() {
        assertRoundTrip("{\"spiffeidPattern\":\"\",\"pathPattern\":\"\"}", PolicyListRequest.ALL);
        assertRoundTrip("{\"spiffeidPattern\":\"^spiffe://a$\",\"pathPattern\":\"\"}", new PolicyListRequest("^spiffe://a$", ""));
        assertReads(PolicyListRequest.ALL, "{}");
        assertReads(new PolicyListRequest("", "^p$"), "{\"PATHPATTERN\":\"^p$\"}");
    }

    @Test
    void listResponse() {
        assertRoundTrip("{\"policies\":[{\"id\":\"\",\"name\":\"a\"},{\"id\":\"\",\"name\":\"b\"}]}",
                PolicyListResponse.of(List.of(PolicyListItem.named("a"), PolicyListItem.named("b"))));
        assertRoundTrip("{\"policies\":[]}", PolicyListResponse.of(List.of()));
        assertWrites("{\"policies\":[]}", PolicyListResponse.of(null));
        assertReads(PolicyListResponse.of(List.of(PolicyListItem.named("a"))),
                "{\"Policies\":[{\"ID\":\"\",\"NAME\":\"a\",\"spiffiedPattern\":\"ignored\"}]}");
        assertReads(PolicyListResponse.of(List.of(new PolicyListItem("", ""))), "{\"policies\":[null]}");
    }

    @Test
    void listErrorBodyHasNullPolicies() {
        assertRoundTrip("{\"policies\":null,\"err\":\"access_unauthorized\"}",
                PolicyListResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
        assertRoundTrip("{\"policies\":null,\"err\":\"api_bad_request\"}", PolicyListResponse.error(ErrorCode.API_BAD_REQUEST));
        assertRoundTrip("{\"policies\":null,\"err\":\"api_internal_error\"}",
                PolicyListResponse.error(ErrorCode.API_INTERNAL_ERROR));
    }
}
