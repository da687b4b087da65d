package ist.spike.common.config;

/** {@code SPIKE_SYSTEM_LOG_LEVEL} values, as upstream's slog levels. */
public enum LogLevel {
    DEBUG,
    INFO,
    WARN,
    ERROR
}
