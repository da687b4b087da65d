package ist.spike.common.config;

import java.util.List;

/**
 * The trust domains accepted for each role (upstream {@code SPIKE_TRUST_ROOT_*}); each variable is a
 * comma-separated list, default {@code spike.ist}. An ID has a role when it is the role's path under any of
 * the role's trust domains. {@code SPIKE_TRUST_ROOT} itself is only logged upstream; no check reads it.
 *
 * @param pilot covers the superuser, recover and restore roles
 */
public record TrustRoots(
        List<String> general,
        List<String> nexus,
        List<String> keeper,
        List<String> pilot,
        List<String> bootstrap,
        List<String> liteWorkload) {
    public static final String DEFAULT = "spike.ist";

    public static final String GENERAL = "SPIKE_TRUST_ROOT";
    public static final String NEXUS = "SPIKE_TRUST_ROOT_NEXUS";
    public static final String KEEPER = "SPIKE_TRUST_ROOT_KEEPER";
    public static final String PILOT = "SPIKE_TRUST_ROOT_PILOT";
    public static final String BOOTSTRAP = "SPIKE_TRUST_ROOT_BOOTSTRAP";
    public static final String LITE_WORKLOAD = "SPIKE_TRUST_ROOT_LITE_WORKLOAD";

    public TrustRoots {
        general = List.copyOf(general);
        nexus = List.copyOf(nexus);
        keeper = List.copyOf(keeper);
        pilot = List.copyOf(pilot);
        bootstrap = List.copyOf(bootstrap);
        liteWorkload = List.copyOf(liteWorkload);
    }

    public static TrustRoots from(Env env) {
        return new TrustRoots(read(env, GENERAL), read(env, NEXUS), read(env, KEEPER), read(env, PILOT),
                read(env, BOOTSTRAP), read(env, LITE_WORKLOAD));
    }

    private static List<String> read(Env env, String name) {
        return env.parsed(name, List.of(DEFAULT), TrustRoots::parseList);
    }

    private static List<String> parseList(String value) {
        List<String> names = Env.splitList(value);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("has no entries (expected comma-separated trust domain names)");
        }
        for (String name : names) {
            if (!TrustDomainName.isValid(name)) {
                throw new IllegalArgumentException("contains " + ConfigException.quote(name)
                        + ", which is not a trust domain name (" + TrustDomainName.RULE + ")");
            }
        }
        return names;
    }
}
