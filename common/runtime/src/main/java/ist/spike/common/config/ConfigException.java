package ist.spike.common.config;

/**
 * A SPIKE_* environment variable that is missing or has a value this program cannot use. It stops the
 * program at start-up with a one-line message naming the variable, the bad value and what is expected;
 * upstream silently falls back to the default instead, which hides typos.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static final int MAX_SHOWN_VALUE = 100;

    private ConfigException(String message) {
        super(message);
    }

    /** {@code NAME: "value" <problem>}, e.g. {@code ...: "abc" is not a whole number (expected 1..1000)}. */
    public static ConfigException invalid(String name, String value, String problem) {
        return new ConfigException(name + ": " + quote(value) + " " + problem);
    }

    /** {@code NAME is not set (expected <what>)}. */
    public static ConfigException missing(String name, String expected) {
        return new ConfigException(name + " is not set (expected " + expected + ")");
    }

    /** The value in double quotes, kept on one line and short. */
    static String quote(String value) {
        StringBuilder text = new StringBuilder("\"");
        int shown = Math.min(value.length(), MAX_SHOWN_VALUE);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        text.append(String.format("\\x%02x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        if (shown < value.length()) {
            text.append("...");
        }
        return text.append('"').toString();
    }
}
