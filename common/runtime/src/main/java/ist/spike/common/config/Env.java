package ist.spike.common.config;

import ist.spike.common.duration.GoDuration;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Typed, validated reading of environment variables. Every getter returns the default when the variable
 * is unset or empty (Go's {@code os.Getenv} cannot tell those apart, so upstream treats both as unset), and
 * throws {@link ConfigException} for any other value it cannot use: no silent fallback.
 *
 * <p>Program-specific settings read through the same getters; for a type not covered here use
 * {@link #parsed(String, Object, Parser)} with a parser that throws IllegalArgumentException.
 */
public final class Env {
    /** Turns a raw value into a typed one or throws IllegalArgumentException whose message completes
     *  {@code NAME: "value" <message>}, e.g. {@code is not a whole number (expected 1..1000)}. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String value);
    }

    private final Map<String, String> variables;

    private Env(Map<String, String> variables) {
        this.variables = variables;
    }

    /** The process environment. */
    public static Env system() {
        return new Env(System.getenv());
    }

    /** A fixed set of variables, e.g. in tests. */
    public static Env of(Map<String, String> variables) {
        return new Env(Map.copyOf(variables));
    }

    /** The raw value; empty when unset or set to "". */
    public Optional<String> value(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Reads a value with {@code parser}; the default is returned as is when the variable is unset. */
    public <T> T parsed(String name, T defaultValue, Parser<T> parser) {
        Optional<String> raw = value(name);
        return raw.isEmpty() ? defaultValue : parse(name, raw.get(), parser);
    }

    /** Reads a variable that has no default. */
    public <T> T required(String name, String expected, Parser<T> parser) {
        return parse(name, value(name).orElseThrow(() -> ConfigException.missing(name, expected)), parser);
    }

    public String string(String name, String defaultValue) {
        return value(name).orElse(defaultValue);
    }

    /** A whole number in {@code [min, max]}, e.g. {@code "abc" is not a whole number (expected 1..1000)}. */
    public int intInRange(String name, int defaultValue, int min, int max) {
        String expected = " (expected " + min + ".." + max + ")";
        return parsed(name, defaultValue, value -> {
            int number;
            try {
                number = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(value.matches("[+-]?\\d+")
                        ? "is out of range" + expected : "is not a whole number" + expected);
            }
            if (number < min || number > max) {
                throw new IllegalArgumentException("is out of range" + expected);
            }
            return number;
        });
    }

    /** {@code true} or {@code false}, in any letter case. */
    public boolean bool(String name, boolean defaultValue) {
        return parsed(name, defaultValue, value -> {
            if (value.equalsIgnoreCase("true")) {
                return true;
            }
            if (value.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException("is not a boolean (expected true or false)");
        });
    }

    /** A Go duration ({@code 300ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 1.5h}) of zero or more. */
    public Duration duration(String name, Duration defaultValue) {
        return parsed(name, defaultValue, value -> {
            Duration duration = goDuration(value);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("is negative (expected a duration of 0s or more)");
            }
            return duration;
        });
    }

    /** A Go duration greater than zero. */
    public Duration positiveDuration(String name, Duration defaultValue) {
        return parsed(name, defaultValue, value -> {
            Duration duration = goDuration(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("is not positive (expected a duration greater than 0s)");
            }
            return duration;
        });
    }

    /** A comma-separated list: entries trimmed, empty entries dropped (so it may come back empty). */
    public List<String> list(String name, List<String> defaultValue) {
        return parsed(name, defaultValue, Env::splitList);
    }

    /** One of an enum's constant names, in any letter case; the default's enum is the one used. */
    public <E extends Enum<E>> E oneOf(String name, E defaultValue, String what) {
        Class<E> type = defaultValue.getDeclaringClass();
        return parsed(name, defaultValue, value -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("is not " + what + " (expected one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
        });
    }

    /** An absolute {@code https://host[:port][/path]} URL (no user info, query or fragment). */
    public URI httpsUrl(String name, String defaultValue) {
        return parse(name, value(name).orElse(defaultValue), Env::httpsUrl);
    }

    /** A listen address in Go's {@code [host]:port} form, see {@link ListenAddress}. */
    public ListenAddress listenAddress(String name, String defaultValue) {
        return parse(name, value(name).orElse(defaultValue), value -> {
            try {
                return ListenAddress.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("is not a listen address: " + e.getMessage()
                        + " (expected [host]:port, e.g. \":8553\" or \"127.0.0.1:8553\")");
            }
        });
    }

    /** Splits a comma-separated list: entries trimmed, empty entries dropped. */
    public static List<String> splitList(String value) {
        List<String> entries = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                entries.add(trimmed);
            }
        }
        return List.copyOf(entries);
    }

    private static Duration goDuration(String value) {
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a duration: " + e.getMessage()
                    + " (expected Go syntax such as 300ms, 30s, 5m, 1h30m)");
        }
    }

    private static URI httpsUrl(String value) {
        String expected = " (expected https://host[:port][/path])";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL" + expected);
        }
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
            throw new IllegalArgumentException("is not an https URL" + expected);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("is not a plain https URL" + expected);
        }
        return uri;
    }

    private static <T> T parse(String name, String value, Parser<T> parser) {
        try {
            return parser.parse(value);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid(name, value, e.getMessage());
        }
    }
}
