package ist.spike.common.config;

/**
 * Start-up switches shared by the programs.
 *
 * @param bannerEnabled {@code SPIKE_BANNER_ENABLED}, default true (Nexus and Keeper print a start banner)
 * @param showMemoryWarning {@code SPIKE_PILOT_SHOW_MEMORY_WARNING}, default false (warn when mlockall fails)
 * @param fipsMode {@code SPIKE_FIPS_MODE}, default false (run the crypto provider in approved-only mode)
 */
public record ProcessSettings(boolean bannerEnabled, boolean showMemoryWarning, boolean fipsMode) {
    public static final String BANNER_ENABLED = "SPIKE_BANNER_ENABLED";
    public static final String SHOW_MEMORY_WARNING = "SPIKE_PILOT_SHOW_MEMORY_WARNING";
    public static final String FIPS_MODE = "SPIKE_FIPS_MODE";

    public static ProcessSettings from(Env env) {
        return new ProcessSettings(env.bool(BANNER_ENABLED, true), env.bool(SHOW_MEMORY_WARNING, false),
                env.bool(FIPS_MODE, false));
    }
}
