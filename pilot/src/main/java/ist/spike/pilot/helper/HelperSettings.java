package ist.spike.pilot.helper;

import ist.spike.common.config.Env;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Whether a warm helper process answers the CLI's Nexus commands ({@code SPIKE_PILOT_HELPER}, default
 * true), how long it waits for the next one ({@code SPIKE_PILOT_HELPER_IDLE_TIMEOUT}, default 10m), and
 * which command lines it may run.
 */
public record HelperSettings(boolean enabled, Duration idleTimeout) {
    public static final String ENABLED = "SPIKE_PILOT_HELPER";
    public static final String IDLE_TIMEOUT = "SPIKE_PILOT_HELPER_IDLE_TIMEOUT";
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

    /**
     * Commands that only talk to Nexus: no standard input, no files, no prompts, nothing that depends on
     * the working directory or a terminal. Everything else always runs in the {@code spike} process.
     */
    private static final Set<String> SERVED = Set.of(
            "secret get", "secret list", "secret put", "secret delete", "secret undelete", "secret metadata",
            "policy list", "policy get", "policy create");

    private static final Set<String> TRACING = Set.of("SPIKE_TRACE_STARTUP", "SPIKE_TRACE_T0");

    /** The served commands, as group and command ("secret get"). */
    public static Set<String> servedCommands() {
        return SERVED;
    }

    /** @throws ist.spike.common.config.ConfigException for a value that is not a boolean or a duration */
    public static HelperSettings from(Map<String, String> env) {
        Env variables = Env.of(env);
        return new HelperSettings(variables.bool(ENABLED, true),
                variables.positiveDuration(IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT));
    }

    /** Whether a helper may run this command line: a served command, and no request for help. */
    public static boolean serves(List<String> args) {
        List<String> words = new ArrayList<>(2);
        for (String arg : args) {
            switch (arg) {
                case "-h", "--help", "-V", "--version", "help" -> {
                    return false;
                }
                default -> {
                    if (!arg.startsWith("-") && words.size() < 2) {
                        words.add(arg);
                    }
                }
            }
        }
        return words.size() == 2 && SERVED.contains(words.get(0) + " " + words.get(1));
    }

    /**
     * The variables a command's outcome can depend on: SPIKE_* and SPIFFE_* (Nexus, identity, trust
     * roots, formats, JVM options), the time zone and locale. Start-up tracing is left out, so a traced
     * command still reaches the helper. A helper only answers a command whose variables equal its own.
     */
    static Map<String, String> relevant(Map<String, String> env) {
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
