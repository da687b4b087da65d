package ist.spike.common.wire.keeper;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import ist.spike.common.wire.FallbackResponse;
import ist.spike.common.wire.GoJsonCore;
import ist.spike.common.wire.MalformedJsonException;
import ist.spike.common.wire.Shard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The keeper's messages on jackson-core's streaming parser and generator alone, with the rules and the
 * results of {@link ist.spike.common.wire.WireJson} (pinned by {@code KeeperWireJsonDifferentialTest}). jackson-databind costs a
 * keeper, which reads and writes nothing else, more memory than all of its own code (docs/performance.md),
 * so the keeper uses this class and never loads it.
 *
 * <p>Reading, as {@link ist.spike.common.wire.WireJson#read}: the body must be exactly one JSON object, or {@code null} (all zero
 * values); an empty body is refused; field names match case-insensitively ({@link Locale#ROOT}); unknown
 * fields are skipped whole; a missing {@code shard} stays null; anything after the value is refused;
 * invalid UTF-8 becomes U+FFFD before parsing. A shard is exactly 32 integers 0-255 or JSON null. A second
 * {@code shard} field is refused, as WireJson refuses it (Go would keep the last one). Error messages name
 * the kind of problem and where, never the body's text: a shard is key material.
 *
 * <p>Writing, as {@link ist.spike.common.wire.WireJson#write}: the same factory settings ({@link GoJsonCore}), so the same bytes.
 */
public final class KeeperWireJson {
    private static final String SHARD = "shard";
    private static final String ERR = "err";
    private static final String GET_ERR = "Err"; // upstream's ShardGetResponse.Err has no JSON tag

    // A keeper parses a few tiny bodies a minute: buffers are not worth pooling, and a pool would keep
    // buffers that held shard digits alive between requests.
    private static final JsonFactory FACTORY = GoJsonCore.factoryBuilder()
            .recyclerPool(JsonRecyclerPools.nonRecyclingPool())
            .build();

    private KeeperWireJson() {}

    /**
     * Reads {@code POST /v1/store/contribute}. The request's shard is null when the field is missing or
     * JSON null; the caller destroys it when done.
     *
     * @throws MalformedJsonException where {@code WireJson.read(body, ShardContributeRequest.class)} throws
     */
    public static ShardContributeRequest readContribute(byte[] body) throws MalformedJsonException {
        return new ShardContributeRequest(read(body, ShardContributeRequest.class, true));
    }

    /**
     * Reads {@code POST /v1/store/shard}, whose fields are all ignored.
     *
     * @throws MalformedJsonException where {@code WireJson.read(body, ShardGetRequest.class)} throws
     */
    public static ShardGetRequest readShardGet(byte[] body) throws MalformedJsonException {
        read(body, ShardGetRequest.class, false);
        return ShardGetRequest.INSTANCE;
    }

    /** {@code {}} or {@code {"err":"<code>"}}. */
    public static byte[] write(ShardContributeResponse response) {
        return writeErrOnly(response.err());
    }

    /** {@code {}} or {@code {"err":"<code>"}}. */
    public static byte[] write(FallbackResponse response) {
        return writeErrOnly(response.err());
    }

    /** {@code {"shard":[32 ints] or null,"Err":"<code or empty>"}}. */
    public static byte[] write(ShardGetResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeFieldName(SHARD);
            if (response.shard() == null) {
                gen.writeNull();
            } else {
                GoJsonCore.writeShard(response.shard(), gen);
            }
            gen.writeStringField(GET_ERR, response.err());
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ShardGetResponse", e);
        }
        return out.toByteArray();
    }

    private static byte[] writeErrOnly(String err) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.writeStartObject();
            if (!err.isEmpty()) { // Go's omitempty
                gen.writeStringField(ERR, err);
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a keeper response", e);
        }
        return out.toByteArray();
    }

    /** The shard field's value (null when missing or JSON null), or the reason the body is refused. */
    private static Shard read(byte[] body, Class<?> type, boolean wantShard) throws MalformedJsonException {
        if (body == null || body.length == 0) {
            throw new MalformedJsonException(type, "empty body");
        }
        Shard shard = null;
        boolean done = false;
        try (JsonParser parser = FACTORY.createParser(GoJsonCore.decode(body))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedJsonException(type, "empty body");
            }
            if (first == JsonToken.START_OBJECT) {
                shard = readFields(parser, type, wantShard);
            } else if (first != JsonToken.VALUE_NULL) { // Go reads null as "no change": all zero values
                throw new MalformedJsonException(type, "expected a JSON object, found " + GoJsonCore.describe(first));
            }
            if (parser.nextToken() != null) {
                throw new MalformedJsonException(type, "trailing data after the JSON value" + where(parser));
            }
            done = true;
            return shard;
        } catch (StreamConstraintsException e) {
            throw new MalformedJsonException(type, "body exceeds parser limits");
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(type, "invalid JSON syntax" + GoJsonCore.location(e));
        } catch (IOException e) {
            throw new MalformedJsonException(type, "cannot read body");
        } finally {
            if (!done && shard != null) {
                shard.destroy();
            }
        }
    }

    /** The fields of an object, the parser at its start; returns the shard (null if none or JSON null). */
    private static Shard readFields(JsonParser parser, Class<?> type, boolean wantShard)
            throws IOException, MalformedJsonException {
        Shard shard = null;
        boolean seen = false;
        try {
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                if (t != JsonToken.FIELD_NAME) { // the parser reports broken syntax itself; this is a guard
                    throw new MalformedJsonException(type, "invalid JSON syntax" + where(parser));
                }
                // Matched as WireJson's mapper does (ACCEPT_CASE_INSENSITIVE_PROPERTIES, Locale.ROOT).
                boolean isShard = wantShard && SHARD.equals(parser.currentName().toLowerCase(Locale.ROOT));
                JsonToken value = parser.nextToken();
                if (!isShard) {
                    parser.skipChildren(); // unknown field: its whole value, however nested
                    continue;
                }
                if (seen) {
                    // WireJson's mapper builds the record at the first shard and has nowhere to put a second.
                    throw new MalformedJsonException(type, "wrong type or value at field 'shard'" + where(parser));
                }
                seen = true;
                if (value == JsonToken.START_ARRAY) {
                    shard = GoJsonCore.readShardElements(parser);
                }
                if (shard == null && value != JsonToken.VALUE_NULL) {
                    throw new MalformedJsonException(type, "wrong type or value at field 'shard'" + where(parser));
                }
            }
            return shard;
        } catch (IOException | MalformedJsonException | RuntimeException e) {
            if (shard != null) {
                shard.destroy();
            }
            throw e;
        }
    }

    private static String where(JsonParser parser) {
        return GoJsonCore.location(parser.currentLocation());
    }
}
