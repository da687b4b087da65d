package ist.spike.pilot.policy;

import ist.spike.common.validate.InputRules;
import ist.spike.pilot.UsageException;

/** The policy name of get and delete: the argument or --name, exactly one of them. */
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
}
