package ist.spike.common.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging for the servers (Nexus, Keeper), set up in code: a logback.xml costs each start parsing XML
 * and building Joran's model (a few hundred classes and, on a cold JVM, a large part of a second).
 * Registered through META-INF/services by the nexus and keeper modules. What it sets up:
 * <ul>
 *   <li>the root logger at {@code SPIKE_SYSTEM_LOG_LEVEL} (default WARN, as upstream) on stderr, one
 *       timestamped line per event, control characters escaped ({@link LineLayout});
 *   <li>no audit logger: audit lines do not go through logging at all but to their own sink
 *       ({@code ist.spike.common.audit.AuditSink}), which may be stdout: so nothing else writes there;
 *   <li>gRPC's Netty at ERROR and Jetty at WARN.
 * </ul>
 * A {@code -Dlogback.configurationFile=...} or a {@code logback-test.xml} on the class path (tests)
 * still wins: this configurator then steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ServerLogging extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || ServerLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(LogSetup.level("SPIKE_SYSTEM_LOG_LEVEL", Level.WARN));
        root.addAppender(LogSetup.console(context, "STDERR", LineLayout.withTime(), "System.err"));

        context.getLogger("io.grpc.netty.shaded").setLevel(Level.ERROR);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Stops logging. The last step of a server's
     * shutdown hook, after its listener has closed: nothing registers logback's own hook, which would
     * run concurrently with the server's and could stop logging before the last requests ended.
     */
    public static void stopAfterServer() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
