package ist.spike.keeper;

import ist.spike.common.audit.AuditSink;
import ist.spike.common.config.Env;
import ist.spike.common.config.ListenAddress;
import ist.spike.common.monitoring.HealthAddress;
import ist.spike.common.monitoring.HealthListener;
import ist.spike.common.monitoring.ProgramMetrics;
import ist.spike.common.monitoring.Readiness;
import ist.spike.common.startup.StartupException;
import java.io.IOException;

/**
 * The keeper's health listener (docs/adr/0016-health-listener-and-metrics.md): live while its API server
 * runs, ready while it holds a shard, and its metrics. The only class of the keeper that names the
 * monitoring libraries, which keeper.jar's class path leaves out: {@link KeeperMain} reaches it only when
 * {@value #VARIABLE} is set, and dist/bin/keeper then adds them.
 */
final class KeeperHealth {
    static final String VARIABLE = "SPIKE_KEEPER_HEALTH_ADDRESS";
    static final String NO_SHARD = "no shard yet: waiting for Nexus";

    private KeeperHealth() {}

    /** {@value #VARIABLE}, parsed (an empty host means localhost). */
    static ListenAddress address(Env env) {
        return env.parsed(VARIABLE, null, HealthAddress::parse);
    }

    /**
     * Starts answering on {@code address}.
     *
     * @throws StartupException when the address cannot be bound: the operator asked for the listener
     */
    static HealthListener start(ListenAddress address, KeeperServer server, ShardHolder holder,
            KeeperCounters counters, AuditSink audit, String version) {
        var registry = ProgramMetrics.registry("spike_keeper", version);
        KeeperMetrics.register(registry, holder, counters, audit);
        try {
            return HealthListener.start(address, server::isServing,
                    () -> holder.isPresent() ? Readiness.yes() : Readiness.no(NO_SHARD), registry);
        } catch (IOException e) {
            throw new StartupException("cannot listen on " + VARIABLE + " " + address + ": " + e.getMessage());
        }
    }
}
