package ist.spike.common.spiffe;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** java-spiffe and gRPC log through java.util.logging; this routes them to SLF4J, once per JVM. */
public final class JulBridge {
    private JulBridge() {}

    public static synchronized void install() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
