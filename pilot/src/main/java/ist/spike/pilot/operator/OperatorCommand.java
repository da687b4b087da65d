package ist.spike.pilot.operator;

import static ist.spike.pilot.CommandNode.command;
import static ist.spike.pilot.CommandNode.group;

import ist.spike.pilot.CommandNode;

/** {@code spike operator}: the group and its commands, in the order usage lists them. */
public final class OperatorCommand {
    public static final CommandNode NODE = group("operator", new String[] {
                "Break-glass operations: export the root key's shards, or feed them back after a total loss."},
            command("recover", OperatorRecover::new), command("restore", OperatorRestore::new),
            command("backup", OperatorBackup::new, command("verify", c -> new OperatorBackupVerify())));

    private OperatorCommand() {}
}
