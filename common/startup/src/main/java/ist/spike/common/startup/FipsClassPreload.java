package ist.spike.common.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the Bouncy Castle FIPS classes the warm-up will need on a second thread, so part of the
 * module's power-up runs on the other core. The power-up loads ~1,300 classes from the signed
 * bc-fips jar (each one inflated, digest-checked against the jar's manifest, parsed and verified: a
 * large part of its single-threaded time) and then checks the whole jar's HMAC; loading them beside it
 * shortens a Nexus restart (docs/performance.md).
 *
 * <p>Classes are only loaded, never initialised: no Bouncy Castle code runs here, so the module's
 * power-up (integrity check, self-tests) still happens where and when it did. The list
 * ({@value #LIST}) is what the warm-up loaded when it was last generated (FipsClassPreloadTest checks
 * it still is); a name that no longer exists is skipped, so a stale list costs speed, never function.
 */
final class FipsClassPreload {
    static final String LIST = "bc-fips-classes.txt";

    private FipsClassPreload() {}

    /** Starts the preload on a daemon thread. */
    static Thread start() {
        Thread thread = new Thread(FipsClassPreload::run, "bc-fips-preload");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void run() {
        ClassLoader loader = FipsClassPreload.class.getClassLoader();
        // Backwards: the power-up loads them in list order, so the two threads meet once, in the
        // middle, instead of queueing for the same classes all along.
        for (String name : names().reversed()) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // not in this version of the jar: the power-up loads what it needs itself
            }
        }
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        try (InputStream in = FipsClassPreload.class.getResourceAsStream(LIST)) {
            if (in == null) {
                return names;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            // no list, no preload
        }
        return names;
    }
}
