package ist.spike.nexus.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretValuesCodecTest {

    @Test
    void roundTrips() {
        Map<String, String> values = Map.of("a", "", "key", "x".repeat(1024), "ü", "中 😀", "fffd", "\uFFFD ok");
        byte[] encoded = SecretValuesCodec.encode(values);
        assertEquals(values, SecretValuesCodec.decode(encoded));
        assertArrayEquals(encoded, SecretValuesCodec.encode(SecretValuesCodec.decode(encoded)));
    }

    @Test
    void refusesInvalidUtf8() {
        for (byte[] bad : new byte[][] {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xc0, (byte) 0xaf}, {'o', 'k', (byte) 0x80}}) {
            var e = assertThrows(IllegalArgumentException.class, () -> SecretValuesCodec.decode(oneValue(bad)));
            assertEquals("invalid UTF-8", e.getMessage());
        }
    }

    /** One pair, key "k", with the given raw value bytes. */
    private static byte[] oneValue(byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 4 + 1 + 4 + value.length);
        b.put((byte) 1).putInt(1).putInt(1).put("k".getBytes(StandardCharsets.UTF_8)).putInt(value.length).put(value);
        return b.array();
    }
}
