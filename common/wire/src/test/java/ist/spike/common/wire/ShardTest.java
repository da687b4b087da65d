package ist.spike.common.wire;

import static ist.spike.common.wire.WireAssert.assertMalformed;
import static ist.spike.common.wire.WireAssert.assertRoundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.wire.keeper.ShardContributeRequest;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {
    static byte[] sample() {
        byte[] bytes = new byte[32];
        for (int i = 0; i < 32; i++) {
            bytes[i] = (byte) (i * 8); // 0, 8, ..., 248: covers values above 127
        }
        return bytes;
    }

    static String sampleJson() {
        return IntStream.range(0, 32).mapToObj(i -> Integer.toString(i * 8)).collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void writesAndReadsAsAnArrayOf32Integers() {
        assertRoundTrip("{\"shard\":" + sampleJson() + "}", new ShardContributeRequest(Shard.copyOf(sample())));
    }

    @Test
    void mustBe32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> Shard.copyOf(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Shard.copyOf(new byte[33]));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]", "[1]", "\"AAAA\"", "{}", "1",
        "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]",
        "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]",
        "[256,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]",
        "[-1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]",
        "[-0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]",
        "[1.0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]",
        "[\"1\",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]",
        "[null,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]",
        "[99999999999,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]",
    })
    void refusesAnythingButExactly32Bytes(String shard) {
        assertMalformed("{\"shard\":" + shard + "}", ShardContributeRequest.class);
    }

    @Test
    void toStringNeverShowsTheBytes() {
        Shard shard = Shard.copyOf(sample());
        assertEquals("Shard[redacted]", shard.toString());
        assertEquals("ShardContributeRequest[shard=Shard[redacted]]", new ShardContributeRequest(shard).toString());
    }

    @Test
    void equalityIsByContentAndCopiesAreIndependent() {
        byte[] bytes = sample();
        Shard shard = Shard.copyOf(bytes);
        bytes[0] = 99;
        assertArrayEquals(sample(), shard.copyBytes());
        assertEquals(Shard.copyOf(sample()), shard);
        assertNotEquals(Shard.copyOf(new byte[32]), shard);
        assertEquals(Shard.copyOf(new byte[32]).hashCode(), shard.hashCode());
    }

    @Test
    void knowsTheAllZeroValueAndCanBeDestroyed() {
        assertTrue(Shard.copyOf(new byte[32]).isAllZero());
        Shard shard = Shard.copyOf(sample());
        assertFalse(shard.isAllZero());
        shard.destroy();
        assertTrue(shard.isDestroyed());
        assertTrue(shard.isAllZero());
        assertThrows(IllegalStateException.class, shard::copyBytes);
    }
}
