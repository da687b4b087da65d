package ist.spike.common.workloadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GrpcStatusTest {

    @Test
    void codesAreNamedAsGrpcGoNamesThem() {
        assertEquals("PermissionDenied: no identity issued", new GrpcStatus(7, "no identity issued").toString());
        assertEquals("InvalidArgument", new GrpcStatus(3, "").toString());
        assertEquals("Unauthenticated", new GrpcStatus(16, null).name());
        assertEquals("Code(42)", new GrpcStatus(42, "").name());
    }

    @Test
    void trailersArePercentDecodedUtf8() {
        GrpcStatus status = GrpcStatus.fromTrailers("14", "agent is starting %E2%9C%93 100%");
        assertEquals(14, status.code());
        assertEquals("agent is starting \u2713 100%", status.message());
        assertEquals("bad %zz escape", GrpcStatus.fromTrailers("2", "bad %zz escape").message());
        assertNull(GrpcStatus.fromTrailers(null, "a message without a status"));
    }
}
