package ist.spike.pilot.command;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command that only groups others ({@code spike}, {@code spike secret}, ...), described in code rather
 * than by annotations: reading annotations is most of what picocli does at start-up, and {@code spike
 * --help} builds nothing but groups. Run on its own, a group prints its usage.
 */
public final class GroupCommand implements Runnable {
    private CommandSpec spec;

    private GroupCommand() {}

    /** A group with the standard help options ({@code -h}, {@code -V}); description lines as picocli shows them. */
    public static CommandSpec spec(String name, String... description) {
        GroupCommand group = new GroupCommand();
        group.spec = CommandSpec.wrapWithoutInspection(group).name(name).versionProvider(new VersionProvider());
        // What mixinStandardHelpOptions adds, without picocli reading its mixin's annotations.
        group.spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        group.spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        group.spec.usageMessage().description(description);
        return group.spec;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
