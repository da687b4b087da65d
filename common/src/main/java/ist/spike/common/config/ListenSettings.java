package ist.spike.common.config;

/** The servers' listen addresses, upstream's {@code :port} form; see {@link ListenAddress}. */
public final class ListenSettings {
    public static final String NEXUS_TLS_PORT = "SPIKE_NEXUS_TLS_PORT";
    public static final String DEFAULT_NEXUS_TLS_PORT = ":8553";
    public static final String KEEPER_TLS_PORT = "SPIKE_KEEPER_TLS_PORT";
    public static final String DEFAULT_KEEPER_TLS_PORT = ":8443";

    private ListenSettings() {}

    public static ListenAddress nexus(Env env) {
        return env.listenAddress(NEXUS_TLS_PORT, DEFAULT_NEXUS_TLS_PORT);
    }

    public static ListenAddress keeper(Env env) {
        return env.listenAddress(KEEPER_TLS_PORT, DEFAULT_KEEPER_TLS_PORT);
    }
}
