package ist.spike.common.audit;

import ist.spike.common.config.ConfigException;
import ist.spike.common.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where audit lines go and what happens when they cannot be written, from {@code SPIKE_AUDIT_SINK}
 * ({@code stdout}, an absolute file path, or {@code off}), {@code SPIKE_AUDIT_MODE}
 * ({@code fail-closed} or {@code best-effort}) and {@code SPIKE_AUDIT_TIMEOUT}.
 *
 * @param file the file to append to; null for stdout or off
 * @param off no audit trail at all
 */
public record AuditSettings(Path file, boolean off, AuditMode mode, Duration timeout) {
    static final String SINK = "SPIKE_AUDIT_SINK";
    static final String MODE = "SPIKE_AUDIT_MODE";
    static final String TIMEOUT = "SPIKE_AUDIT_TIMEOUT";
    /** Replaced by SPIKE_AUDIT_SINK: a level that silently turned the audit trail off is refused. */
    static final String OLD_LEVEL = "SPIKE_AUDIT_LOG_LEVEL";

    public static AuditSettings fromEnv(Env env) {
        env.value(OLD_LEVEL).ifPresent(level -> {
            if (!level.equalsIgnoreCase("INFO")) {
                throw ConfigException.invalid(OLD_LEVEL, level, "is no longer read (set SPIKE_AUDIT_SINK: "
                        + "stdout, a file path, or off)");
            }
        });
        String sink = env.string(SINK, "stdout");
        Path file = null;
        boolean off = false;
        if (sink.equals("off")) {
            off = true;
        } else if (!sink.equals("stdout")) {
            file = Path.of(sink);
            if (!file.isAbsolute()) {
                throw ConfigException.invalid(SINK, sink, "is not stdout, off or an absolute file path");
            }
        }
        AuditMode mode = env.parsed(MODE, AuditMode.FAIL_CLOSED, value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "fail-closed" -> AuditMode.FAIL_CLOSED;
            case "best-effort" -> AuditMode.BEST_EFFORT;
            default -> throw new IllegalArgumentException("is not an audit mode (expected fail-closed or best-effort)");
        });
        Duration timeout = env.positiveDuration(TIMEOUT, Duration.ofSeconds(2));
        return new AuditSettings(file, off, mode, timeout);
    }

    /** Stdout, fail-closed, the default timeout: what an empty environment gives. */
    public static AuditSettings defaults() {
        return fromEnv(Env.of(java.util.Map.of()));
    }

    /** For the start-up line: where the trail goes. */
    public String describe() {
        return off ? "off" : (file == null ? "stdout" : file.toString());
    }
}
