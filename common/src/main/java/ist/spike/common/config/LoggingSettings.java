package ist.spike.common.config;

/**
 * Logging: {@code SPIKE_SYSTEM_LOG_LEVEL} (DEBUG, INFO, WARN, ERROR in any letter case; default WARN) and
 * {@code SPIKE_STACK_TRACES_ON_LOG_FATAL} (default false: a fatal log exits without a stack trace).
 */
public record LoggingSettings(LogLevel level, boolean stackTracesOnFatal) {
    public static final String LEVEL = "SPIKE_SYSTEM_LOG_LEVEL";
    public static final String STACK_TRACES_ON_FATAL = "SPIKE_STACK_TRACES_ON_LOG_FATAL";

    public static LoggingSettings from(Env env) {
        return new LoggingSettings(env.oneOf(LEVEL, LogLevel.WARN, "a log level"),
                env.bool(STACK_TRACES_ON_FATAL, false));
    }
}
