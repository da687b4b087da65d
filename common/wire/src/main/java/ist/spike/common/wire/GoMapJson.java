package ist.spike.common.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes any map as Go's encoding/json does: keys as strings ({@code map[int]} keys in decimal), sorted by
 * the key <em>string</em> in byte order ("1" &lt; "10" &lt; "2"). Comparing code points gives UTF-8 byte
 * order; Java's String order would differ for characters beyond the BMP.
 */
final class GoMapJson extends StdSerializer<Map<?, ?>> {
    @SuppressWarnings({"unchecked", "rawtypes"})
    GoMapJson() {
        super((Class) Map.class);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, Map<?, ?> value) {
        return value == null || value.isEmpty(); // Go's omitempty on a map: nil or no entries
    }

    @Override
    public void serialize(Map<?, ?> map, JsonGenerator gen, SerializerProvider provider) throws IOException {
        List<Map.Entry<String, Object>> entries = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            entries.add(Map.entry(String.valueOf(entry.getKey()), nullable(entry.getValue())));
        }
        entries.sort((a, b) -> compareCodePoints(a.getKey(), b.getKey()));
        gen.writeStartObject(map);
        for (Map.Entry<String, Object> entry : entries) {
            gen.writeFieldName(entry.getKey());
            Object value = entry.getValue();
            if (value == NULL) {
                gen.writeNull();
            } else {
                provider.defaultSerializeValue(value, gen);
            }
        }
        gen.writeEndObject();
    }

    private static final Object NULL = new Object();

    private static Object nullable(Object value) {
        return value == null ? NULL : value; // Map.entry refuses null values
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
