package ist.spike.pilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            "spike operator recover", "spike operator restore", "spike operator backup verify");

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
    void theFullTreeHasExactlyTheDocumentedCommands() {
        List<String> leaves = new ArrayList<>();
        collectLeaves(build(List.of("secret", "metadata", "policy", "cipher", "operator", "backup")), leaves);
        leaves.add("spike operator backup"); // a command with a subcommand of its own
        assertEquals(Set.copyOf(leaves), Set.copyOf(withBackup()));
    }

    @Test
    void topLevelHelpListsEveryGroupWithoutBuildingTheirCommands() {
        CommandLine root = build(List.of("--help"));
        assertEquals(List.of("secret", "policy", "cipher", "operator"), List.copyOf(root.getSubcommands().keySet()));
        root.getSubcommands().values().forEach(group -> assertTrue(group.getSubcommands().isEmpty()));
        String help = run("--help");
        for (String group : List.of("secret", "policy", "cipher", "operator")) {
            assertTrue(help.contains("  " + group), help);
        }
    }

    @Test
    void groupHelpListsAllItsCommands() {
        String help = run("secret", "--help");
        for (String name : List.of("put", "get", "delete", "undelete", "list", "metadata")) {
            assertTrue(help.contains("  " + name), help);
        }
    }

    @Test
    void repeatedWordsAreFine() {
        assertEquals(0, SpikeMain.run(context(), sink(), sink(), "secret", "secret", "--help"));
    }

    private static List<String> withBackup() {
        List<String> expected = new ArrayList<>(ALL_COMMANDS);
        expected.add("spike operator backup");
        return expected;
    }

    private static void collectLeaves(CommandLine line, List<String> leaves) {
        if (line.getSubcommands().isEmpty()) {
            leaves.add(line.getCommandSpec().qualifiedName());
        }
        line.getSubcommands().values().forEach(child -> collectLeaves(child, leaves));
    }

    private static CommandLine build(List<String> words) {
        return SpikeCommand.TREE.build(context(), new PilotFactory(), Set.copyOf(words), true);
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        int code = SpikeMain.run(context(), new PrintWriter(out, true), sink(), args);
        assertEquals(0, code);
        return out.toString();
    }

    private static PilotContext context() {
        return new PilotContext(Map.of());
    }

    private static PrintWriter sink() {
        return new PrintWriter(new StringWriter(), true);
    }
}
