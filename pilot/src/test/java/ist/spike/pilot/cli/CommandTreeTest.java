package ist.spike.pilot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.pilot.command.CommandNode;
import ist.spike.pilot.command.PilotContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree is built lazily; these check that laziness never hides a command. */
class CommandTreeTest {
    private static final List<String> ALL_COMMANDS = List.of(
            "spike secret put", "spike secret get", "spike secret delete", "spike secret undelete",
            "spike secret list", "spike secret metadata get",
            "spike policy create", "spike policy apply", "spike policy list", "spike policy get",
            "spike policy delete",
            "spike cipher encrypt", "spike cipher decrypt",
            "spike operator recover", "spike operator restore", "spike operator backup verify",
            "spike operator keys", "spike operator rotate", "spike operator rekey",
            "spike status", "spike recover", "spike restore", "spike helper start", "spike helper stop", "spike helper status");

    @Test
    void everyCommandIsReachableWhenItsPathIsNamed() {
        for (String command : ALL_COMMANDS) {
            List<String> words = List.of(command.split(" ")).subList(1, command.split(" ").length);
            CommandLine line = build(words);
            for (String word : words) {
                line = line.getSubcommands().get(word);
                assertTrue(line != null, command + ": no '" + word + "'");
            }
            assertEquals(command, line.getCommandSpec().qualifiedName());
        }
    }

    @Test
    void theTreeHasExactlyTheDocumentedCommandsUnderTheirAnnotatedNames() {
        List<String> paths = new ArrayList<>();
        collect(SpikeCommand.TREE, "", paths);
        List<String> expected = new ArrayList<>(ALL_COMMANDS);
        expected.addAll(List.of("spike", "spike secret", "spike secret metadata", "spike policy", "spike cipher",
                "spike operator", "spike operator backup", "spike helper"));
        assertEquals(Set.copyOf(expected), Set.copyOf(paths));
    }

    @Test
    void aCommandLineBuildsOnlyTheCommandsItNames() {
        CommandLine root = build(List.of("secret", "get", "a/b"));
        assertEquals(List.of("secret"), List.copyOf(root.getSubcommands().keySet()));
        assertEquals(List.of("get"), List.copyOf(root.getSubcommands().get("secret").getSubcommands().keySet()));
    }

    @Test
    void topLevelHelpListsEveryGroupWithoutBuildingTheirCommands() {
        CommandLine root = build(List.of("--help"));
        // The aliases (spike recover, spike restore) are built only when named: help mentions them in its footer.
        assertEquals(List.of("secret", "policy", "cipher", "operator", "status", "helper"),
                List.copyOf(root.getSubcommands().keySet()));
        root.getSubcommands().values().forEach(group -> assertTrue(group.getSubcommands().isEmpty()));
        String help = run("--help");
        for (String group : List.of("secret", "policy", "cipher", "operator", "status")) {
            assertTrue(help.contains("  " + group), help);
        }
    }

    @Test
    void groupHelpListsAllItsCommands() {
        String help = run("secret", "--help");
        for (String name : List.of("put", "get", "delete", "undelete", "list", "metadata")) {
            assertTrue(help.contains("  " + name), help);
        }
        String operator = run("operator", "--help");
        for (String name : List.of("recover", "restore", "backup", "keys", "rotate", "rekey")) {
            assertTrue(operator.contains("  " + name + " "), operator);
        }
    }

    @Test
    void repeatedWordsAreFine() {
        assertEquals(0, CommandLineRunner.run(context(), sink(), sink(), "secret", "secret", "--help"));
    }

    /** Every node's path, checking its name against the one picocli reads from its annotation. */
    private static void collect(CommandNode node, String parent, List<String> paths) {
        String annotated = new CommandLine(node.constructor().apply(context()), new PilotFactory()).getCommandName();
        assertEquals(annotated, node.name());
        String path = parent.isEmpty() ? node.name() : parent + " " + node.name();
        paths.add(path);
        node.children().forEach(child -> collect(child, path, paths));
    }

    private static CommandLine build(List<String> words) {
        return SpikeCommand.TREE.build(context(), new PilotFactory(), Set.copyOf(words));
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        int code = CommandLineRunner.run(context(), new PrintWriter(out, true), sink(), args);
        assertEquals(0, code);
        return out.toString();
    }

    private static PilotContext context() {
        return new PilotContext(Map.of(), false);
    }

    private static PrintWriter sink() {
        return new PrintWriter(new StringWriter(), true);
    }
}
