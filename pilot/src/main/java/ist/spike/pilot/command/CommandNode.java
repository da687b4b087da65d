package ist.spike.pilot.command;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * One spike command and its subcommands, in place of picocli's {@code subcommands} attribute. picocli
 * builds a command's model by reading its annotations through reflection, which in a fresh JVM costs
 * milliseconds per command, so {@link #build} builds only what a command line needs: the commands it
 * names, and all subcommands of the last one (for usage, and suggestions after a typo). Commands are
 * made by plain constructors, not by reflection either.
 *
 * @param name the command's name, as picocli knows it (CommandTreeTest checks)
 * @param alias a second spelling of a command listed elsewhere: built only when named, so a parent's
 *              usage neither lists it nor reads its annotations
 */
public record CommandNode(String name, Function<PilotContext, Object> constructor, List<CommandNode> children,
                          boolean alias) {

    public CommandNode(String name, Function<PilotContext, Object> constructor, List<CommandNode> children) {
        this(name, constructor, children, false);
    }

    /** This command under its own name, as an {@linkplain #alias() alias}. */
    public CommandNode asAlias() {
        return new CommandNode(name, constructor, children, true);
    }

    /** A command whose options picocli reads from the annotations of the object {@code constructor} makes. */
    public static CommandNode command(String name, Function<PilotContext, Object> constructor,
                                      CommandNode... children) {
        return new CommandNode(name, constructor, List.of(children));
    }

    /** A group of commands ({@link GroupCommand}): described here, nothing to reflect on. */
    public static CommandNode group(String name, String[] description, CommandNode... children) {
        return new CommandNode(name, context -> GroupCommand.spec(name, description), List.of(children));
    }

    /** This command as picocli's {@link CommandLine}, with the subcommands {@code words} call for. */
    public CommandLine build(PilotContext context, CommandLine.IFactory factory, Set<String> words) {
        CommandLine line = leaf(context, factory);
        List<CommandNode> named = children.stream().filter(child -> words.contains(child.name)).toList();
        List<CommandNode> listed = children.stream().filter(child -> !child.alias).toList();
        for (CommandNode child : named.isEmpty() ? listed : named) {
            line.addSubcommand(named.isEmpty() ? child.leaf(context, factory) : child.build(context, factory, words));
        }
        return line;
    }

    /** This command alone, without subcommands: enough to list it in its parent's usage. */
    private CommandLine leaf(PilotContext context, CommandLine.IFactory factory) {
        return new CommandLine(constructor.apply(context), factory);
    }
}
