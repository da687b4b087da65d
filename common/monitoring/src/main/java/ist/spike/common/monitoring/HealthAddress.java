package ist.spike.common.monitoring;

import ist.spike.common.config.ListenAddress;

/**
 * Where the health listener binds, as SPIRE's {@code health_checks}: {@code [host]:port}, and an empty host
 * means localhost (not every interface, as for the API): the listener is plain HTTP, so reaching it from
 * elsewhere is a choice the operator writes down.
 */
public final class HealthAddress {
    static final String LOCALHOST = "127.0.0.1";

    private HealthAddress() {}

    /**
     * @throws IllegalArgumentException naming the problem
     */
    public static ListenAddress parse(String text) {
        ListenAddress parsed = ListenAddress.parse(text.trim());
        return parsed.allInterfaces() ? new ListenAddress(LOCALHOST, parsed.port()) : parsed;
    }
}
