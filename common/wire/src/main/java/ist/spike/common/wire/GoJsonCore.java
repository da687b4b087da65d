package ist.spike.common.wire;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The part of Go's encoding/json rules that needs jackson-core only, shared by {@link WireJson} (which
 * adds jackson-databind on top) and the keeper's streaming reader and writer
 * ({@code ist.spike.common.wire.keeper.KeeperWireJson}), so both write the same bytes and read bodies
 * alike. Nothing here may load a jackson-databind class: the keeper does without it to save memory.
 */
public final class GoJsonCore {
    private GoJsonCore() {}

    /**
     * A factory builder with Go's output rules (lower-case hex escapes; {@code <}, {@code >}, {@code &},
     * U+2028 and U+2029 escaped; characters outside the BMP as raw UTF-8) and jackson-core's default
     * stream limits (nesting depth 1000, string and number lengths). The caller chooses the buffer
     * recycler pool.
     */
    public static JsonFactoryBuilder factoryBuilder() {
        return new JsonFactoryBuilder()
                .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE) // Go's hex digits are lower-case
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8) // Go writes raw UTF-8
                .characterEscapes(new GoCharacterEscapes());
    }

    /**
     * The body as text for the parser. Decoding first turns invalid UTF-8 into U+FFFD (as Go does) and
     * stops Jackson from guessing UTF-16/32 or skipping a byte-order mark, which Go refuses.
     */
    public static String decode(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Reads a shard's elements, the parser being at the array's start; returns null (the parser at the
     * offending token) unless they are exactly 32 integers 0-255.
     *
     * <p>Stricter than Go on purpose: Go zero-pads a short array, drops extra elements and reads a null
     * element as 0; a shard with any of those is damaged, so it is refused (a Go client never sends one).
     */
    public static Shard readShardElements(JsonParser p) throws IOException {
        byte[] bytes = new byte[Shard.LENGTH];
        try {
            int count = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.VALUE_NUMBER_INT || count == Shard.LENGTH) {
                    return null;
                }
                // Go reads each element as a uint8: no sign (not even "-0"), no fraction, at most 255.
                if (p.getNumberType() != JsonParser.NumberType.INT || p.getText().startsWith("-")
                        || p.getIntValue() > 255) {
                    return null;
                }
                bytes[count++] = (byte) p.getIntValue();
            }
            return count == Shard.LENGTH ? Shard.copyOf(bytes) : null;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Writes a shard as Go writes a {@code [32]byte}: an array of 32 integers 0-255. */
    public static void writeShard(Shard shard, JsonGenerator gen) throws IOException {
        byte[] bytes = shard.bytesForJson();
        gen.writeStartArray(shard, bytes.length);
        for (byte b : bytes) {
            gen.writeNumber(b & 0xFF);
        }
        gen.writeEndArray();
    }

    /** What kind of value a token starts, for error messages (never the value itself). */
    public static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> token.name();
        };
    }

    /** " (line L, column C)" where the parser failed, or "": positions only, never the body's text. */
    public static String location(IOException e) {
        return e instanceof JsonProcessingException processing ? location(processing.getLocation()) : "";
    }

    /** " (line L, column C)" for a position in the body, or "" when there is none. */
    public static String location(JsonLocation at) {
        return at != null && at.getLineNr() > 0 ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : "";
    }
}
