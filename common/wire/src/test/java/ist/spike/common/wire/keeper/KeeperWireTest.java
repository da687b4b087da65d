package ist.spike.common.wire.keeper;

import static ist.spike.common.wire.WireAssert.assertMalformed;
import static ist.spike.common.wire.WireAssert.assertReads;
import static ist.spike.common.wire.WireAssert.assertRoundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.Shard;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Keeper bodies: the shard response's capital, always-present {@code Err}. */
class KeeperWireTest {
    private static final Shard SHARD;
    private static final String SHARD_JSON;

    static {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) 200;
        bytes[31] = 1;
        SHARD = Shard.copyOf(bytes);
        SHARD_JSON = "[200," + String.join(",", Collections.nCopies(30, "0")) + ",1]";
    }

    @Test
    void contributeRequest() {
        assertRoundTrip("{\"shard\":" + SHARD_JSON + "}", new ShardContributeRequest(SHARD));
        assertRoundTrip("{\"shard\":null}", new ShardContributeRequest(null));
        assertReads(new ShardContributeRequest(null), "{}");
        // an older upstream sent a keeper "id" too; it is ignored
        assertReads(new ShardContributeRequest(SHARD), "{\"SHARD\":" + SHARD_JSON + ",\"id\":\"1\"}");
        assertMalformed("{\"shard\":[1,2,3]}", ShardContributeRequest.class);
    }

    @Test
    void contributeResponse() {
        assertRoundTrip("{}", ShardContributeResponse.OK);
        assertRoundTrip("{\"err\":\"api_bad_request\"}", ShardContributeResponse.error(ErrorCode.API_BAD_REQUEST));
        assertRoundTrip("{\"err\":\"access_unauthorized\"}", ShardContributeResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
    }

    @Test
    void shardRequest() {
        assertRoundTrip("{}", ShardGetRequest.INSTANCE);
        assertReads(ShardGetRequest.INSTANCE, "{\"anything\":[]}");
    }

    @Test
    void shardResponseAlwaysWritesCapitalErr() {
        assertRoundTrip("{\"shard\":" + SHARD_JSON + ",\"Err\":\"\"}", ShardGetResponse.of(SHARD));
        assertRoundTrip("{\"shard\":null,\"Err\":\"api_bad_request\"}", ShardGetResponse.error(ErrorCode.API_BAD_REQUEST));
        assertRoundTrip("{\"shard\":null,\"Err\":\"access_unauthorized\"}", ShardGetResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
        assertRoundTrip("{\"shard\":null,\"Err\":\"api_internal_error\"}", ShardGetResponse.error(ErrorCode.API_INTERNAL_ERROR));
    }

    @Test
    void shardResponseReadsAnyCaseOfErr() {
        assertReads(ShardGetResponse.error(ErrorCode.API_BAD_REQUEST), "{\"shard\":null,\"err\":\"api_bad_request\"}");
        assertReads(ShardGetResponse.of(SHARD), "{\"Shard\":" + SHARD_JSON + "}");
        assertEquals("ShardGetResponse[shard=Shard[redacted], err=]", ShardGetResponse.of(SHARD).toString());
    }
}
