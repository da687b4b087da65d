package ist.spike.common.crypto;

import ist.spike.common.config.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPIKE_FIPS_MODE=true puts the process in Bouncy Castle FIPS approved-only mode and moves TLS into the
 * FIPS module (BCJSSE). Off (the default), BC FIPS still does data encryption and randomness, and TLS
 * is the JDK's. The mode is process-wide and must be chosen before Bouncy Castle is first used; the
 * dist/bin launchers also pass the system property, so it holds from the first class loaded.
 */
public final class FipsMode {
    public static final String VARIABLE = "SPIKE_FIPS_MODE";
    static final String APPROVED_ONLY_PROPERTY = "org.bouncycastle.fips.approved_only";

    private FipsMode() {}

    /** Reads SPIKE_FIPS_MODE and switches approved-only mode on when asked; returns whether it is on. */
    public static boolean configure(Env env) {
        if (env.bool(VARIABLE, false)) {
            System.setProperty(APPROVED_ONLY_PROPERTY, "true");
        }
        return enabled();
    }

    /** True when this process runs BC FIPS in approved-only mode. */
    public static boolean enabled() {
        return Boolean.getBoolean(APPROVED_ONLY_PROPERTY);
    }

    /** One log line saying which mode is on (programs print it at start). */
    public static void logMode() {
        // The logger only here: the CLI configures the mode but never logs, and logging costs start-up.
        Logger log = LoggerFactory.getLogger(FipsMode.class);
        if (enabled()) {
            log.info("FIPS mode ON: Bouncy Castle FIPS in approved-only mode for data encryption, randomness and "
                    + "TLS (BCJSSE)");
        } else {
            log.info("FIPS mode off: Bouncy Castle FIPS for data encryption and randomness, JDK TLS "
                    + "(set SPIKE_FIPS_MODE=true for approved-only mode)");
        }
    }
}
