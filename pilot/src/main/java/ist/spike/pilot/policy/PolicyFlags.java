package ist.spike.pilot.policy;

import picocli.CommandLine.Option;

/** The flags that describe a policy, shared by {@code spike policy create} and {@code apply} (a picocli mixin). */
final class PolicyFlags {
    @Option(names = "--name", description = "policy name")
    String name;
    @Option(names = "--path-pattern", description = "regex over secret paths")
    String pathPattern;
    @Option(names = "--spiffeid-pattern", description = "regex over caller SPIFFE IDs")
    String spiffeidPattern;
    @Option(names = "--permissions", description = "comma-separated: " + PolicyDraft.PERMISSION_HELP)
    String permissions;

    /** True when at least one of the flags was given. */
    boolean anyGiven() {
        return name != null || pathPattern != null || spiffeidPattern != null || permissions != null;
    }

    /** The policy the flags describe, checked. */
    PolicyDraft draft() {
        return PolicyDraft.fromFlags(name, spiffeidPattern, pathPattern, permissions);
    }
}
