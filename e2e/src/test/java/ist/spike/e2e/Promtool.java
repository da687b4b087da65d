package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prometheus's promtool (Debian's prometheus package, found or installed by hack/lib/promtool.sh), for the
 * checks of docs/monitoring. Without it the tests that need it fail in CI (CI=true), and are skipped,
 * saying why, elsewhere.
 */
final class Promtool {
    private static Path binary;

    private Promtool() {}

    static synchronized Path binary() {
        if (binary == null) {
            Repo.Result found = Repo.run(Map.of(), Duration.ofMinutes(10), List.of("bash", "hack/lib/promtool.sh"));
            if (found.exitCode() != 0) {
                String why = "promtool could not be found or installed (hack/lib/promtool.sh):\n" + found;
                if ("true".equals(System.getenv("CI"))) {
                    fail(why + "\nCI must run these tests (.ci/run installs Debian's prometheus package)");
                }
                abort(why + "\nskipped outside CI: apt-get install --no-install-recommends prometheus");
            }
            binary = Path.of(found.stdout().strip());
        }
        return binary;
    }

    /** Runs {@code promtool args...} in the repository root. */
    static Repo.Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(binary().toString()));
        command.addAll(List.of(args));
        return Repo.run(Map.of(), Duration.ofMinutes(2), command);
    }
}
