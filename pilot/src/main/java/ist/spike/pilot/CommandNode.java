package ist.spike.pilot;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * One spike command and its subcommands, in place of picocli's {@code subcommands} attribute. picocli
 * builds a command's model by reading its annotations through reflection, which in a fresh JVM costs
 * milliseconds per command; a command line needs only the commands on its path and their siblings
 * (for usage and suggestions), so {@link #build} adds a command's subcommands only when the command
 * line names it. The commands are made by plain constructors, not by reflection either.
 */
public record CommandNode(Function<PilotContext, Object> constructor, List<CommandNode> children) {

    public static CommandNode command(Function<PilotContext, Object> constructor, CommandNode... children) {
        return new CommandNode(constructor, List.of(children));
    }

    /**
     * This command as picocli's {@link CommandLine}, with its subcommands if it is the root or
     * {@code words} (the command line's arguments) name it, and so on down.
     */
    CommandLine build(PilotContext context, CommandLine.IFactory factory, Set<String> words, boolean root) {
        CommandLine line = new CommandLine(constructor.apply(context), factory);
        if (root || named(line, words)) {
            for (CommandNode child : children) {
                line.addSubcommand(child.build(context, factory, words, false));
            }
        }
        return line;
    }

    private static boolean named(CommandLine line, Set<String> words) {
        if (words.contains(line.getCommandName())) {
            return true;
        }
        for (String alias : line.getCommandSpec().aliases()) {
            if (words.contains(alias)) {
                return true;
            }
        }
        return false;
    }
}
