package ist.spike.nexus.http;

import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.MalformedJsonException;
import ist.spike.common.wire.WireJson;

/** Decoding JSON request bodies the way Go's encoding/json does; anything it would reject is a 400. */
public final class JsonBodies {
    private JsonBodies() {}

    public static <Q> Route.Decoder<Q> of(Class<Q> type) {
        return (body, contentType) -> {
            try {
                return WireJson.read(body, type);
            } catch (MalformedJsonException e) {
                throw new ApiException(ErrorCode.API_BAD_REQUEST);
            }
        };
    }

    /** Throws api_bad_request unless {@code condition} holds. */
    public static void require(boolean condition) throws ApiException {
        if (!condition) {
            throw new ApiException(ErrorCode.API_BAD_REQUEST);
        }
    }
}
