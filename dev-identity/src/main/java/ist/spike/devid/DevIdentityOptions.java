package ist.spike.devid;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line of spike-dev-identity, parsed. */
record DevIdentityOptions(Path dir, String trustDomain, Duration ttl, boolean svidFiles,
                          Map<String, String> identities, boolean help) {

    static final String DEFAULT_TRUST_DOMAIN = "spike.ist";
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    /** The SPIKE identities (name to SPIFFE ID path) served when none are named. */
    static final Map<String, String> SPIKE_IDENTITIES = defaults();

    static final String USAGE = """
            usage: spike-dev-identity --dir DIR [--trust-domain spike.ist] [--ttl 1h] [--svid-files] [NAME=SPIFFE_PATH ...]

            Serves the SPIFFE Workload API on DIR/<NAME>.sock, one socket and one identity per NAME,
            with short-lived X.509-SVIDs from a throw-away CA, re-issued at half their TTL.
            FOR DEVELOPMENT AND TESTS ONLY: production uses SPIRE.

              --dir DIR            where sockets, bundle.pem and SVID files go (keep it short: socket paths < 108 bytes)
              --trust-domain TD    trust domain of the throw-away CA (default spike.ist)
              --ttl DURATION       SVID lifetime, e.g. 1h, 10m, 90s (default 1h)
              --svid-files         also write DIR/svid/<NAME>/{svid.pem,svid_key.pem,svid_bundle.pem}
              NAME=SPIFFE_PATH     an identity to serve, e.g. nexus=/spike/nexus (default: all SPIKE identities)
              --help               this text

            The CA certificate is written to DIR/bundle.pem. Stop with SIGTERM or Ctrl-C; the sockets are removed.
            """;

    private static Map<String, String> defaults() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("nexus", "/spike/nexus");
        // One ID per keeper, so Nexus can bind each keeper URL to its own ID; "keeper" is for unbound setups.
        ids.put("keeper", "/spike/keeper");
        ids.put("keeper-1", "/spike/keeper/1");
        ids.put("keeper-2", "/spike/keeper/2");
        ids.put("keeper-3", "/spike/keeper/3");
        ids.put("superuser", "/spike/pilot/role/superuser");
        ids.put("recover", "/spike/pilot/role/recover");
        ids.put("restore", "/spike/pilot/role/restore");
        ids.put("bootstrap", "/spike/bootstrap");
        ids.put("lite", "/spike/workload/role/lite");
        ids.put("demo", "/workload/demo");
        return Collections.unmodifiableMap(ids);
    }

    static DevIdentityOptions parse(String... args) {
        Path dir = null;
        String trustDomain = DEFAULT_TRUST_DOMAIN;
        Duration ttl = DEFAULT_TTL;
        boolean svidFiles = false;
        Map<String, String> identities = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            switch (arg) {
                case "--help", "-h" -> {
                    return new DevIdentityOptions(null, trustDomain, ttl, false, Map.of(), true);
                }
                case "--dir" -> dir = Path.of(value(arg, rest));
                case "--trust-domain" -> trustDomain = value(arg, rest);
                case "--ttl" -> ttl = TtlText.parse(value(arg, rest));
                case "--svid-files" -> svidFiles = true;
                default -> {
                    if (arg.startsWith("--dir=")) {
                        dir = Path.of(arg.substring("--dir=".length()));
                    } else if (arg.startsWith("--trust-domain=")) {
                        trustDomain = arg.substring("--trust-domain=".length());
                    } else if (arg.startsWith("--ttl=")) {
                        ttl = TtlText.parse(arg.substring("--ttl=".length()));
                    } else if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    } else {
                        int eq = arg.indexOf('=');
                        if (eq <= 0 || eq == arg.length() - 1) {
                            throw new IllegalArgumentException("expected NAME=SPIFFE_PATH, got " + arg);
                        }
                        identities.put(arg.substring(0, eq), arg.substring(eq + 1));
                    }
                }
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--dir is required");
        }
        return new DevIdentityOptions(dir, trustDomain, ttl, svidFiles,
                identities.isEmpty() ? SPIKE_IDENTITIES : identities, false);
    }

    /** The full SPIFFE ID for a path ("/spike/nexus") or an ID already written out. */
    String spiffeId(String pathOrId) {
        if (pathOrId.startsWith("spiffe://")) {
            return pathOrId;
        }
        return "spiffe://" + trustDomain + (pathOrId.startsWith("/") ? "" : "/") + pathOrId;
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }
}
