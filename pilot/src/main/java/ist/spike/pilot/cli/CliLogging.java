package ist.spike.pilot.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import ist.spike.common.logging.LineLayout;
import ist.spike.common.logging.LogSetup;

/**
 * The CLI's logging, set up in code rather than from a logback.xml: parsing XML and building Joran's
 * model cost every CLI run tens of milliseconds. The CLI keeps stdout for results, so diagnostics go
 * to stderr ({@code LEVEL Logger: message}), errors only unless {@code SPIKE_SYSTEM_LOG_LEVEL} asks for
 * more; gRPC's Netty stays silent, and java-spiffe unless asked. Found by logback through META-INF/services;
 * {@code -Dlogback.configurationFile=...} still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class CliLogging extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(LogSetup.level("SPIKE_SYSTEM_LOG_LEVEL", Level.ERROR));
        root.addAppender(LogSetup.console(context, "STDERR", LineLayout.withoutTime(), "System.err"));
        context.getLogger("io.grpc.netty.shaded").setLevel(Level.OFF);
        if (System.getenv("SPIKE_SYSTEM_LOG_LEVEL") == null) {
            // java-spiffe logs a stack trace when no agent answers; the CLI says so in one line itself.
            context.getLogger("io.spiffe").setLevel(Level.OFF);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
