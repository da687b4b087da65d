package ist.spike.common.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's zero values, for record constructors. A Go string is never nil, so null becomes "". A Go
 * {@code time.Time} is never nil, so null becomes {@link GoTime#ZERO}. Slices and maps keep the nil/empty
 * difference (null is written as {@code null}, empty as {@code []} or {@code {}}), but an element that JSON
 * set to null becomes the element type's zero value, because Go leaves it at zero when it decodes a null.
 * Collections are copied into unmodifiable ones so records stay values.
 */
public final class GoZero {
    private GoZero() {}

    public static String string(String value) {
        return value == null ? "" : value;
    }

    public static Instant time(Instant value) {
        return value == null ? GoTime.ZERO : value;
    }

    /** A {@code []string}: null stays null (nil), null elements become "". */
    public static List<String> strings(List<String> values) {
        if (values == null) {
            return null;
        }
        List<String> copy = new ArrayList<>(values.size());
        for (String value : values) {
            copy.add(string(value));
        }
        return Collections.unmodifiableList(copy);
    }

    /** A {@code []int}: null stays null (nil), null elements become 0. */
    public static List<Integer> ints(List<Integer> values) {
        if (values == null) {
            return null;
        }
        List<Integer> copy = new ArrayList<>(values.size());
        for (Integer value : values) {
            copy.add(value == null ? 0 : value);
        }
        return Collections.unmodifiableList(copy);
    }

    /** A {@code map[string]string}: null stays null (nil), null values become "". Keys keep their order. */
    public static Map<String, String> stringMap(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(key, string(value)));
        return Collections.unmodifiableMap(copy);
    }

    /** Any other map: null stays null; values are kept as they are (a Go pointer value may be nil). */
    public static <K, V> Map<K, V> map(Map<K, V> values) {
        return values == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
