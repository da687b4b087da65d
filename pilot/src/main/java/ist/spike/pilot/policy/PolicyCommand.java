package ist.spike.pilot.policy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Manage access policies: which SPIFFE IDs may do what on which paths.",
                "Patterns are regular expressions, matched anywhere unless anchored with ^ and $."},
        subcommands = {PolicyCreate.class, PolicyApply.class, PolicyList.class, PolicyGet.class,
                PolicyDelete.class})
public final class PolicyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
