package ist.spike.pilot.helper;

import ist.spike.common.config.Env;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Whether {@code spike} hands its commands to a warm helper that {@code spike helper start} started
 * ({@code SPIKE_PILOT_HELPER}, default true; false for scripts that must never use one), and how long a
 * helper waits for the next command ({@code SPIKE_PILOT_HELPER_IDLE_TIMEOUT}, default 10m). Which command
 * lines a helper may run is {@link ist.spike.pilot.cli.CommandTable}'s to say.
 */
public record HelperSettings(boolean enabled, Duration idleTimeout) {
    public static final String ENABLED = "SPIKE_PILOT_HELPER";
    public static final String IDLE_TIMEOUT = "SPIKE_PILOT_HELPER_IDLE_TIMEOUT";
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

    private static final Set<String> TRACING = Set.of("SPIKE_TRACE_STARTUP", "SPIKE_TRACE_T0");

    /** @throws ist.spike.common.config.ConfigException for a value that is not a boolean or a duration */
    public static HelperSettings from(Map<String, String> env) {
        Env variables = Env.of(env);
        return new HelperSettings(variables.bool(ENABLED, true),
                variables.positiveDuration(IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT));
    }

    /**
     * The variables a command's outcome can depend on: SPIKE_* and SPIFFE_* (Nexus, identity, trust
     * roots, formats, JVM options), the time zone and locale. Start-up tracing is left out, so a traced
     * command still reaches the helper. A helper only answers a command whose variables equal its own.
     */
    public static Map<String, String> relevant(Map<String, String> env) {
        Map<String, String> relevant = new TreeMap<>();
        env.forEach((name, value) -> {
            boolean spike = (name.startsWith("SPIKE_") || name.startsWith("SPIFFE_")) && !TRACING.contains(name);
            boolean locale = name.equals("TZ") || name.equals("LANG") || name.startsWith("LC_");
            if (spike || locale) {
                relevant.put(name, value);
            }
        });
        return relevant;
    }
}
