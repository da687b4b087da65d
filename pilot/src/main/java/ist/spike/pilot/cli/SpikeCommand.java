package ist.spike.pilot.cli;

import ist.spike.pilot.cipher.CipherCommand;
import ist.spike.pilot.command.CommandNode;
import ist.spike.pilot.command.GroupCommand;
import ist.spike.pilot.helper.client.HelperCommand;
import ist.spike.pilot.operator.OperatorCommand;
import ist.spike.pilot.policy.PolicyCommand;
import ist.spike.pilot.secret.SecretCommand;
import ist.spike.pilot.status.StatusCommand;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spike} itself: the whole command tree (see {@link CommandNode}). */
final class SpikeCommand {
    static final CommandNode TREE = new CommandNode("spike", c -> root(),
            java.util.List.of(SecretCommand.NODE, PolicyCommand.NODE, CipherCommand.NODE, OperatorCommand.NODE,
                    StatusCommand.NODE, OperatorCommand.RECOVER.asAlias(), OperatorCommand.RESTORE.asAlias(),
                    HelperCommand.NODE));

    private SpikeCommand() {}

    private static CommandSpec root() {
        CommandSpec spec = GroupCommand.spec("spike", "SPIKE - Secure your secrets with SPIFFE.");
        spec.usageMessage().footer("",
                "Nexus is chosen by SPIKE_NEXUS_API_URL (default https://localhost:8553); the",
                "identity comes from SPIFFE_ENDPOINT_SOCKET (Workload API) or SPIKE_SVID_DIR",
                "(SVID files). 'spike recover' and 'spike restore' are 'spike operator recover'",
                "and 'spike operator restore'.",
                "Exit codes: 0 success, 1 usage or input error, 2 the request failed, 3 'spike",
                "status' found Nexus unhealthy.");
        return spec;
    }
}
