package ist.spike.common.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** A {@link Shard} as Go writes a {@code [32]byte}: a JSON array of 32 integers 0-255. */
final class ShardJson {
    private ShardJson() {}

    static final class Writer extends StdSerializer<Shard> {
        Writer() {
            super(Shard.class);
        }

        @Override
        public void serialize(Shard shard, JsonGenerator gen, SerializerProvider provider) throws IOException {
            GoJsonCore.writeShard(shard, gen);
        }
    }

    /** Exactly 32 integers 0-255, or JSON null (see {@link GoJsonCore#readShardElements}). */
    static final class Reader extends StdDeserializer<Shard> {
        Reader() {
            super(Shard.class);
        }

        @Override
        public Shard deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartArrayToken()) {
                return (Shard) ctxt.handleUnexpectedToken(Shard.class, p);
            }
            Shard shard = GoJsonCore.readShardElements(p);
            if (shard == null) {
                return (Shard) ctxt.reportInputMismatch(Shard.class,
                        "a shard is an array of %d integers 0-255", Shard.LENGTH);
            }
            return shard;
        }
    }
}
