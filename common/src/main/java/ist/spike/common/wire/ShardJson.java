package ist.spike.common.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Arrays;

/** A {@link Shard} as Go writes a {@code [32]byte}: a JSON array of 32 integers 0-255. */
final class ShardJson {
    private ShardJson() {}

    static final class Writer extends StdSerializer<Shard> {
        Writer() {
            super(Shard.class);
        }

        @Override
        public void serialize(Shard shard, JsonGenerator gen, SerializerProvider provider) throws IOException {
            byte[] bytes = shard.bytesForJson();
            gen.writeStartArray(shard, bytes.length);
            for (byte b : bytes) {
                gen.writeNumber(b & 0xFF);
            }
            gen.writeEndArray();
        }
    }

    /**
     * Stricter than Go on purpose: Go zero-pads a short array, drops extra elements and reads a null element
     * as 0; a shard with any of those is damaged, so it is refused here (a Go client never sends one).
     */
    static final class Reader extends StdDeserializer<Shard> {
        Reader() {
            super(Shard.class);
        }

        @Override
        public Shard deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartArrayToken()) {
                return (Shard) ctxt.handleUnexpectedToken(Shard.class, p);
            }
            byte[] bytes = new byte[Shard.LENGTH];
            try {
                int count = 0;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t != JsonToken.VALUE_NUMBER_INT || count == Shard.LENGTH) {
                        return (Shard) ctxt.reportInputMismatch(Shard.class,
                                "a shard is an array of %d integers 0-255", Shard.LENGTH);
                    }
                    // Go reads each element as a uint8: no sign (not even "-0"), no fraction, at most 255.
                    if (p.getNumberType() != JsonParser.NumberType.INT || p.getText().startsWith("-")
                            || p.getIntValue() > 255) {
                        return (Shard) ctxt.reportInputMismatch(Shard.class, "shard element out of range 0-255");
                    }
                    bytes[count++] = (byte) p.getIntValue();
                }
                if (count != Shard.LENGTH) {
                    return (Shard) ctxt.reportInputMismatch(Shard.class,
                            "a shard is an array of %d integers 0-255", Shard.LENGTH);
                }
                return Shard.copyOf(bytes);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }
}
