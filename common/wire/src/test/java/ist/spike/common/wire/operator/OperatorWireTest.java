package ist.spike.common.wire.operator;

import static ist.spike.common.wire.WireAssert.assertMalformed;
import static ist.spike.common.wire.WireAssert.assertReads;
import static ist.spike.common.wire.WireAssert.assertRoundTrip;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.Shard;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operator recover/restore bodies: shards as arrays of 32 integers, map[int] keys as decimal strings. */
class OperatorWireTest {
    private static Shard shard(int fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) fill);
        return Shard.copyOf(bytes);
    }

    private static String json(int fill) {
        return "[" + String.join(",", java.util.Collections.nCopies(32, Integer.toString(fill))) + "]";
    }

    @Test
    void recoverRequest() {
        assertRoundTrip("{}", RecoverRequest.INSTANCE);
        assertReads(RecoverRequest.INSTANCE, "{\"x\":1}");
    }

    @Test
    void recoverResponseKeysShardsByDecimalStringInStringOrder() {
        Map<Integer, Shard> shards = new LinkedHashMap<>();
        for (int id = 11; id >= 1; id -= 5) { // 11, 6, 1
            shards.put(id, shard(id));
        }
        shards.put(2, shard(255));
        assertRoundTrip("{\"shards\":{\"1\":" + json(1) + ",\"11\":" + json(11) + ",\"2\":" + json(255)
                + ",\"6\":" + json(6) + "}}", RecoverResponse.of(shards));
        assertReads(RecoverResponse.of(Map.of(1, shard(7))), "{\"SHARDS\":{\"1\":" + json(7) + "}}");
    }

    @Test
    void recoverResponseToStringHidesShards() {
        String text = RecoverResponse.of(Map.of(1, shard(200))).toString();
        assertFalse(text.contains("200"), text);
    }

    @Test
    void recoverErrorBodyHasNullShards() {
        assertRoundTrip("{\"shards\":null,\"err\":\"api_bad_request\"}", RecoverResponse.error(ErrorCode.API_BAD_REQUEST));
        assertRoundTrip("{\"shards\":null,\"err\":\"access_unauthorized\"}", RecoverResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
        assertRoundTrip("{\"shards\":null,\"err\":\"api_internal_error\"}", RecoverResponse.error(ErrorCode.API_INTERNAL_ERROR));
    }

    @Test
    void recoverKeysMustBeIntegers() {
        assertMalformed("{\"shards\":{\"a\":" + json(1) + "}}", RecoverResponse.class);
    }

    @Test
    void restoreRequest() {
        assertRoundTrip("{\"id\":2,\"shard\":" + json(9) + "}", new RestoreRequest(2, shard(9)));
        assertRoundTrip("{\"id\":0,\"shard\":null}", new RestoreRequest(0, null));
        assertReads(new RestoreRequest(3, shard(4)), "{\"ID\":3,\"Shard\":" + json(4) + ",\"extra\":\"x\"}");
        assertMalformed("{\"id\":\"3\"}", RestoreRequest.class);
        assertMalformed("{\"id\":1,\"shard\":\"AAAA\"}", RestoreRequest.class);
    }

    @Test
    void restoreResponse() {
        assertRoundTrip("{\"collected\":1,\"remaining\":1,\"restored\":false}", RestoreResponse.of(1, 1, false));
        assertRoundTrip("{\"collected\":2,\"remaining\":0,\"restored\":true}", RestoreResponse.of(2, 0, true));
        assertReads(RestoreResponse.of(2, 0, true), "{\"Collected\":2,\"REMAINING\":0,\"Restored\":true}");
    }

    @Test
    void restoreErrorBodyIsTheZeroStatus() {
        assertRoundTrip("{\"collected\":0,\"remaining\":0,\"restored\":false,\"err\":\"api_bad_request\"}",
                RestoreResponse.error(ErrorCode.API_BAD_REQUEST));
        assertRoundTrip("{\"collected\":0,\"remaining\":0,\"restored\":false,\"err\":\"access_unauthorized\"}",
                RestoreResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
        assertRoundTrip("{\"collected\":0,\"remaining\":0,\"restored\":false,\"err\":\"api_internal_error\"}",
                RestoreResponse.error(ErrorCode.API_INTERNAL_ERROR));
    }
}
