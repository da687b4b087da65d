package ist.spike.pilot.secret;

import static ist.spike.pilot.command.CommandNode.command;
import static ist.spike.pilot.command.CommandNode.group;

import ist.spike.pilot.command.CommandNode;

/** {@code spike secret}: the group and its commands, in the order usage lists them. */
public final class SecretCommand {
    public static final CommandNode NODE = group("secret", new String[] {"Manage secrets."},
            command("put", SecretPut::new), command("get", SecretGet::new), command("delete", SecretDelete::new),
            command("undelete", SecretUndelete::new), command("list", SecretList::new),
            group("metadata", new String[] {"Secret metadata."}, command("get", SecretMetadataGet::new)));

    private SecretCommand() {}
}
