package ist.spike.common.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
    @Test
    void wireCodesAndStatusesAreUpstreams() {
        assertEquals("api_bad_request", ErrorCode.API_BAD_REQUEST.wireCode());
        assertEquals(400, ErrorCode.API_BAD_REQUEST.httpStatus());
        assertEquals("access_unauthorized", ErrorCode.ACCESS_UNAUTHORIZED.wireCode());
        assertEquals(401, ErrorCode.ACCESS_UNAUTHORIZED.httpStatus());
        assertEquals("api_not_found", ErrorCode.API_NOT_FOUND.wireCode());
        assertEquals(404, ErrorCode.API_NOT_FOUND.httpStatus());
        assertEquals("api_internal_error", ErrorCode.API_INTERNAL_ERROR.wireCode());
        assertEquals(500, ErrorCode.API_INTERNAL_ERROR.httpStatus());
        assertEquals("state_not_ready", ErrorCode.STATE_NOT_READY.wireCode());
        assertEquals(503, ErrorCode.STATE_NOT_READY.httpStatus());
        assertEquals("api_too_many_requests", ErrorCode.API_TOO_MANY_REQUESTS.wireCode());
        assertEquals(429, ErrorCode.API_TOO_MANY_REQUESTS.httpStatus());
        assertEquals(6, ErrorCode.values().length);
    }

    @Test
    void fromWireKnowsOnlyTheseCodes() {
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(Optional.of(code), ErrorCode.fromWire(code.wireCode()));
        }
        assertEquals(Optional.empty(), ErrorCode.fromWire(""));
        assertEquals(Optional.empty(), ErrorCode.fromWire("entity_not_found"));
        assertEquals(Optional.empty(), ErrorCode.fromWire("API_NOT_FOUND"));
    }

    @Test
    void fallbackBodyIsJustTheCode() {
        WireAssert.assertRoundTrip("{\"err\":\"state_not_ready\"}", FallbackResponse.error(ErrorCode.STATE_NOT_READY));
        WireAssert.assertRoundTrip("{}", new FallbackResponse(""));
        FallbackResponse unknown = new FallbackResponse("some_new_code");
        assertFalse(unknown.succeeded());
        assertEquals(Optional.empty(), unknown.errorCode());
        assertTrue(new FallbackResponse(null).succeeded());
    }
}
