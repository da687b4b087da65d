package ist.spike.common.wire;

import java.util.Map;
import java.util.TreeSet;

/** toString helpers for records that carry secrets: they show shape, never content. */
public final class Redacted {
    private Redacted() {}

    /** {@code null}, or the byte count. */
    public static String bytes(byte[] value) {
        return value == null ? "null" : "[" + value.length + " bytes, redacted]";
    }

    /** {@code null}, or the keys with every value hidden. Keys name secrets; they are not secrets. */
    public static String values(Map<String, String> map) {
        return map == null ? "null" : "{" + String.join("=***, ", new TreeSet<>(map.keySet()))
                + (map.isEmpty() ? "" : "=***") + "}";
    }
}
