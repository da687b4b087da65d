package ist.spike.pilot.operator;

import static ist.spike.pilot.CommandNode.command;

import ist.spike.pilot.CommandNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "operator", mixinStandardHelpOptions = true,
        description = "Break-glass operations: export the root key's shards, or feed them back after a total loss.")
public final class OperatorCommand implements Runnable {
    /** This group and its commands, in the order usage lists them. */
    public static final CommandNode NODE = command("operator", c -> new OperatorCommand(),
            command("recover", OperatorRecover::new), command("restore", OperatorRestore::new),
            command("backup", OperatorBackup::new, command("verify", c -> new OperatorBackupVerify())));

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
