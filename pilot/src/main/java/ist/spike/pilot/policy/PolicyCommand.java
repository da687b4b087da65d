package ist.spike.pilot.policy;

import static ist.spike.pilot.command.CommandNode.command;
import static ist.spike.pilot.command.CommandNode.group;

import ist.spike.pilot.command.CommandNode;

/** {@code spike policy}: the group and its commands, in the order usage lists them. */
public final class PolicyCommand {
    public static final CommandNode NODE = group("policy", new String[] {
                "Manage access policies: which SPIFFE IDs may do what on which paths.",
                "Patterns are regular expressions, matched anywhere unless anchored with ^ and $."},
            command("create", PolicyCreate::new), command("apply", PolicyApply::new), command("list", PolicyList::new),
            command("get", PolicyGet::new), command("delete", PolicyDelete::new));

    private PolicyCommand() {}
}
