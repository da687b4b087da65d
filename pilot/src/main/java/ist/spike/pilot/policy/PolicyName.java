package ist.spike.pilot.policy;

import ist.spike.client.SpikeClient;
import ist.spike.client.SpikeException;
import ist.spike.common.validate.InputRules;
import ist.spike.common.wire.policy.PolicyGetResponse;
import ist.spike.pilot.command.CommandFailedException;
import ist.spike.pilot.command.UsageException;

/** The policy name of get and delete: the argument or --name, exactly one of them; and the policy it names. */
final class PolicyName {
    private PolicyName() {}

    static String of(String argument, String option) {
        if (argument != null && option != null && !argument.equals(option)) {
            throw new UsageException("give the policy name as an argument or with --name, not both");
        }
        String name = argument != null ? argument : option;
        if (name == null) {
            throw new UsageException("a policy name is required (argument or --name)");
        }
        if (!InputRules.isValidPolicyName(name)) {
            throw new UsageException("invalid policy name '" + name + "'");
        }
        return name;
    }

    /** The policy called {@code name}; a one-line failure when Nexus has none by that name. */
    static PolicyGetResponse existing(SpikeClient client, String name) {
        try {
            return client.getPolicy(name);
        } catch (SpikeException.NotFoundException e) {
            throw new CommandFailedException("Policy '" + name + "' not found.");
        }
    }
}
