package ist.spike.pilot.policy;

import ist.spike.pilot.command.CommandFailedException;
import ist.spike.pilot.command.PilotContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a policy; fails if one with that name exists (use 'apply' to update).",
                "Example: spike policy create --name app-read --spiffeid-pattern '^spiffe://example\\.org/app$'",
                "         --path-pattern '^apps/app/' --permissions read,list",
                "Patterns that are not anchored (they match anywhere) are refused unless --allow-unanchored."})
final class PolicyCreate implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    PolicyFlags flags;
    @Mixin
    UnanchoredPatterns unanchored;

    private final PilotContext context;

    PolicyCreate(PilotContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        PolicyDraft draft = flags.draft();
        unanchored.check(draft, spec.commandLine().getErr());
        boolean exists = context.client().listPolicies().stream().anyMatch(p -> p.name().equals(draft.name()));
        if (exists) {
            throw new CommandFailedException("Policy '" + draft.name() + "' already exists.");
        }
        context.client().putPolicy(draft.name(), draft.spiffeidPattern(), draft.pathPattern(), draft.permissions());
        spec.commandLine().getOut().println("Policy created successfully.");
    }
}
