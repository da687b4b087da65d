package ist.spike.common.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

/** Compares bodies with JSON text written by hand the way Go's encoding/json writes it. */
public final class WireAssert {
    private WireAssert() {}

    /** The record written as JSON must equal the hand-written text byte for byte. */
    public static void assertWrites(String expectedJson, Object body) {
        assertEquals(expectedJson, WireJson.writeString(body));
    }

    /** The hand-written text must read into the expected record. */
    public static <T> void assertReads(T expected, String json) {
        try {
            @SuppressWarnings("unchecked")
            Class<T> type = (Class<T>) expected.getClass();
            assertEquals(expected, WireJson.read(json.getBytes(StandardCharsets.UTF_8), type));
        } catch (MalformedJsonException e) {
            throw new AssertionError("expected to read: " + json, e);
        }
    }

    /** Writes as Go would and reads back from Go's text. */
    public static <T> void assertRoundTrip(String goJson, T body) {
        assertWrites(goJson, body);
        assertReads(body, goJson);
    }

    public static <T> T read(String json, Class<T> type) throws MalformedJsonException {
        return WireJson.read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    public static MalformedJsonException assertMalformed(String json, Class<?> type) {
        return assertThrows(MalformedJsonException.class, () -> read(json, type));
    }
}
