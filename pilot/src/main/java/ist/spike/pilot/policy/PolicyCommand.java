package ist.spike.pilot.policy;

import static ist.spike.pilot.CommandNode.command;

import ist.spike.pilot.CommandNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Manage access policies: which SPIFFE IDs may do what on which paths.",
                "Patterns are regular expressions, matched anywhere unless anchored with ^ and $."})
public final class PolicyCommand implements Runnable {
    /** This group and its commands, in the order usage lists them. */
    public static final CommandNode NODE = command("policy", c -> new PolicyCommand(),
            command("create", PolicyCreate::new), command("apply", PolicyApply::new), command("list", PolicyList::new),
            command("get", PolicyGet::new), command("delete", PolicyDelete::new));

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
