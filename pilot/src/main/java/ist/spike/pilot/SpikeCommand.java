package ist.spike.pilot;

import ist.spike.pilot.cipher.CipherCommand;
import ist.spike.pilot.operator.OperatorCommand;
import ist.spike.pilot.policy.PolicyCommand;
import ist.spike.pilot.secret.SecretCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "spike", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "SPIKE - Secure your secrets with SPIFFE.",
        footer = {"", "Nexus is chosen by SPIKE_NEXUS_API_URL (default https://localhost:8553); the identity comes",
                "from SPIFFE_ENDPOINT_SOCKET (Workload API) or SPIKE_SVID_DIR (SVID files).",
                "Exit codes: 0 success, 1 usage or input error, 2 the request failed."})
public final class SpikeCommand implements Runnable {
    /** The whole command tree (see {@link CommandNode}). */
    static final CommandNode TREE = CommandNode.command("spike", c -> new SpikeCommand(),
            SecretCommand.NODE, PolicyCommand.NODE, CipherCommand.NODE, OperatorCommand.NODE);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
