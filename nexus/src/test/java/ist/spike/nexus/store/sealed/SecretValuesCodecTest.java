package ist.spike.nexus.store.sealed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretValuesCodecTest {
    @Test
    void roundTripsAnyStrings() {
        Map<String, String> values = Map.of("", "", "user", "admin", "ключ", "значение 🔑", "nul", "a\u0000b");
        assertEquals(values, SecretValuesCodec.decode(SecretValuesCodec.encode(values)));
        assertEquals(Map.of(), SecretValuesCodec.decode(SecretValuesCodec.encode(Map.of())));
    }

    @Test
    void encodingIsDeterministicWhateverTheMapOrder() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("b", "2");
        a.put("a", "1");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("a", "1");
        b.put("b", "2");
        assertArrayEquals(SecretValuesCodec.encode(a), SecretValuesCodec.encode(b));
        assertArrayEquals(new byte[] {1, 0, 0, 0, 2, 0, 0, 0, 1, 'a', 0, 0, 0, 1, '1', 0, 0, 0, 1, 'b', 0, 0, 0, 1, '2'},
                SecretValuesCodec.encode(a));
    }

    @Test
    void rejectsMalformedInput() {
        byte[] good = SecretValuesCodec.encode(Map.of("a", "1", "b", "2"));
        assertThrows(IllegalArgumentException.class, () -> SecretValuesCodec.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> SecretValuesCodec.decode(Arrays.copyOf(good, good.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> SecretValuesCodec.decode(Arrays.copyOf(good, good.length + 1)));
        byte[] wrongFormat = good.clone();
        wrongFormat[0] = 2;
        assertThrows(IllegalArgumentException.class, () -> SecretValuesCodec.decode(wrongFormat));
        byte[] unsorted = {1, 0, 0, 0, 2, 0, 0, 0, 1, 'b', 0, 0, 0, 0, 0, 0, 0, 1, 'a', 0, 0, 0, 0};
        assertThrows(IllegalArgumentException.class, () -> SecretValuesCodec.decode(unsorted));
        byte[] badUtf8 = {1, 0, 0, 0, 1, 0, 0, 0, 1, (byte) 0xC3, 0, 0, 0, 0};
        assertThrows(IllegalArgumentException.class, () -> SecretValuesCodec.decode(badUtf8));
    }

    @Test
    void roundTripsLongAndReplacementCharacterValues() {
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
