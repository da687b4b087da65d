package ist.spike.pilot.operator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "operator", mixinStandardHelpOptions = true,
        description = "Break-glass operations: export the root key's shards, or feed them back after a total loss.",
        subcommands = {OperatorRecover.class, OperatorRestore.class, OperatorBackup.class})
public final class OperatorCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
