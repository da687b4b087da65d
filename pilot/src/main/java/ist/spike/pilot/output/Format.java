package ist.spike.pilot.output;

import java.util.Locale;

/** The -f/--format values upstream accepts: human (h, plain, p, empty), json (j), yaml (y). */
public enum Format {
    HUMAN, JSON, YAML;

    public static Format parse(String value) {
        return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
            case "", "human", "h", "plain", "p" -> HUMAN;
            case "json", "j" -> JSON;
            case "yaml", "y" -> YAML;
            default -> throw new IllegalArgumentException(
                    "invalid format '" + value + "' (expected human, json or yaml)");
        };
    }

    /** picocli converter, so a bad value is a usage error. */
    public static final class Converter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
