package ist.spike.common.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * JSON as upstream's Go encoding/json speaks it, for every wire body.
 *
 * <p>Reading, like Go: field names match case-insensitively, unknown fields are ignored, missing fields
 * keep zero values, and the body must be exactly one JSON object (or {@code null}, which Go reads as "no
 * change", i.e. all zero values). No scalar coercion: a string is not an int, 1.5 and 1e2 are not ints, a
 * number is not a string or a bool. Invalid UTF-8 inside strings becomes U+FFFD, as in Go.
 *
 * <p>Writing, like Go: compact, fields in declaration order, {@code <}, {@code >}, {@code &}, U+2028 and
 * U+2029 escaped, characters outside the BMP as raw UTF-8, {@code []byte} as padded standard base64, maps
 * sorted by key string, {@code time.Time} as RFC 3339 with nanoseconds.
 *
 * <p>Known differences from Go, all on input no Go client produces (pinned by {@code GoDifferencesTest}):
 * <ul>
 *   <li>field names: Go folds 'ſ' (U+017F) to 's' when matching, Jackson does not;
 *   <li>numbers: Go's int is 64-bit, so values beyond Java's int are refused here and accepted by Go;
 *   <li>base64: Go skips '\r' and '\n' inside the string, Jackson refuses them but accepts trailing
 *       whitespace that Go refuses;
 *   <li>{@code []byte} written as a number array: Jackson also accepts -128..-1, Go only 0..255;
 *   <li>an escaped lone surrogate (backslash, 'u', d800) becomes U+FFFD in Go and is kept by Jackson;
 *       invalid UTF-8 becomes one U+FFFD per byte in Go and per malformed sequence here;
 *   <li>nesting deeper than 1000 is refused (Go allows 10000), and Jackson's stream limits apply to
 *       very long strings and numbers;
 *   <li>shards are stricter than Go: exactly 32 integers 0-255 (see {@link Shard}).
 * </ul>
 */
public final class WireJson {
    private static final ObjectMapper MAPPER = build();

    private WireJson() {}

    /** The body's bytes (UTF-8, no trailing newline). */
    public static byte[] write(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The body as a String, for logs of non-secret bodies and for tests. */
    public static String writeString(Object body) {
        return new String(write(body), StandardCharsets.UTF_8);
    }

    /**
     * Reads one body the way Go's {@code json.Unmarshal} would into the matching struct.
     *
     * @throws MalformedJsonException where Go would return an error (an empty body included)
     */
    public static <T> T read(byte[] body, Class<T> type) throws MalformedJsonException {
        if (body == null || body.length == 0) {
            throw new MalformedJsonException(type, "empty body");
        }
        String text = GoJsonCore.decode(body);
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedJsonException(type, "empty body");
            }
            if (first == JsonToken.VALUE_NULL) {
                if (parser.nextToken() != null) {
                    throw new MalformedJsonException(type, "trailing data after the JSON value");
                }
                return MAPPER.readValue("{}", type);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedJsonException(type, "expected a JSON object, found " + GoJsonCore.describe(first));
            }
            return MAPPER.readValue(parser, type);
        } catch (IOException e) {
            throw new MalformedJsonException(type, describe(e));
        }
    }

    /** A fresh copy of the configured mapper, e.g. for an HTTP framework. Changing it does not change this class. */
    public static ObjectMapper newObjectMapper() {
        return MAPPER.copy();
    }

    private static ObjectMapper build() {
        JsonFactory factory = GoJsonCore.factoryBuilder()
                // Jackson's default keeps its parse and write buffers in a ThreadLocal, which a fresh
                // virtual thread per request never finds filled: it allocated about 20 KB per request.
                // A shared pool, bounded so a burst cannot keep memory, reuses them across threads.
                .recyclerPool(JsonRecyclerPools.newBoundedPool(256))
                .build();
        SimpleModule goTypes = new SimpleModule("go-wire-types");
        goTypes.addSerializer(Shard.class, new ShardJson.Writer());
        goTypes.addDeserializer(Shard.class, new ShardJson.Reader());
        goTypes.addSerializer(Instant.class, new GoTimeJson.Writer());
        goTypes.addDeserializer(Instant.class, new GoTimeJson.Reader());
        goTypes.addSerializer(new GoMapJson());
        JsonMapper mapper = JsonMapper.builder(factory)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES) // Go: null leaves the zero value
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS) // an empty Go struct is {}
                .defaultLocale(Locale.ROOT) // case-insensitive matching must not depend on the locale
                .addModule(goTypes)
                .build();
        // Go refuses numbers and booleans where it expects a string, and strings where it expects a number.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        return mapper;
    }

    // Built only from the kind of failure, its location and field names: never from the body's text.
    private static String describe(IOException e) {
        String where = GoJsonCore.location(e);
        if (e instanceof StreamConstraintsException) {
            return "body exceeds parser limits" + where;
        }
        if (e instanceof JsonMappingException mapping) {
            String path = path(mapping);
            if (e instanceof ValueInstantiationException) {
                return "invalid value" + path + where;
            }
            // Jackson has no subtype for this one; its message starts with a fixed phrase.
            if (e instanceof MismatchedInputException mismatch
                    && String.valueOf(mismatch.getOriginalMessage()).startsWith("Trailing token")) {
                return "trailing data after the JSON value" + where;
            }
            return "wrong type or value" + path + where;
        }
        if (e instanceof JsonProcessingException) {
            return "invalid JSON syntax" + where;
        }
        return "cannot read body";
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "" : " at field '" + path + "'";
    }

}
