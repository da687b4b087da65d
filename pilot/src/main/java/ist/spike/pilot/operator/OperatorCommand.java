package ist.spike.pilot.operator;

import static ist.spike.pilot.command.CommandNode.command;
import static ist.spike.pilot.command.CommandNode.group;

import ist.spike.pilot.command.CommandNode;

/** {@code spike operator}: the group and its commands, in the order usage lists them. */
public final class OperatorCommand {
    /** Also {@code spike recover}, the spelling of upstream's recovery procedures. */
    public static final CommandNode RECOVER = command("recover", OperatorRecover::new);
    /** Also {@code spike restore}. */
    public static final CommandNode RESTORE = command("restore", OperatorRestore::new);

    public static final CommandNode NODE = group("operator", new String[] {
                "The keyring and its rotation, root key rekey, recovery shards, backups."},
            RECOVER, RESTORE,
            command("backup", OperatorBackup::new, command("verify", c -> new OperatorBackupVerify())),
            command("keys", OperatorKeys::new), command("rotate", OperatorRotate::new),
            command("rekey", OperatorRekey::new));

    private OperatorCommand() {}
}
