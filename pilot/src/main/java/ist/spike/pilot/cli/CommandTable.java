package ist.spike.pilot.cli;

import ist.spike.pilot.secret.SecretValueFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one place that says what a command line is, before picocli parses it: help, a command for Nexus
 * a warm helper may answer, a command for Nexus that always runs in {@code spike} itself, or a local one.
 * {@code spike} uses it to prepare its Nexus client early, the helper to decide what it serves, and the
 * launcher {@code dist/bin/spike} to choose its ahead-of-time cache: the build writes the launcher's copy
 * of these rules from this class ({@link LauncherRules}).
 */
public final class CommandTable {
    /** What a command line is. */
    public enum Kind {
        /** Help, version or usage: no Nexus, the smallest cache. */
        HELP,
        /** Talks to Nexus and needs nothing but its arguments, so a warm helper may answer it. */
        SERVED,
        /** Talks to Nexus, and reads standard input, files or a terminal: runs in {@code spike} itself. */
        NEXUS,
        /** Runs locally (the helper's own commands). */
        LOCAL
    }

    /** Words that ask for help wherever they stand ({@code help} only as the first word). */
    static final Set<String> HELP_FLAGS = Set.of("-h", "--help", "-V");

    static final Map<String, Kind> COMMANDS = commands();

    private CommandTable() {}

    private static Map<String, Kind> commands() {
        Map<String, Kind> commands = new TreeMap<>();
        for (String served : List.of("secret get", "secret list", "secret put", "secret delete", "secret undelete",
                "secret metadata get", "policy list", "policy get", "policy create")) {
            commands.put(served, Kind.SERVED);
        }
        for (String own : List.of("policy apply", "policy delete", "cipher encrypt", "cipher decrypt",
                "operator recover", "operator restore", "operator backup", "operator backup verify",
                "operator keys", "operator rotate", "operator rekey", "recover", "restore", "status")) {
            commands.put(own, Kind.NEXUS);
        }
        for (String local : List.of("helper start", "helper stop", "helper status")) {
            commands.put(local, Kind.LOCAL);
        }
        return Map.copyOf(commands);
    }

    /** The command lines' kind: help when a help flag is given or no known command is named. */
    public static Kind kind(List<String> args) {
        if (!args.isEmpty() && args.get(0).equals("help")) {
            return Kind.HELP;
        }
        List<String> words = new ArrayList<>(3);
        for (String arg : args) {
            if (HELP_FLAGS.contains(arg)) {
                return Kind.HELP;
            }
            if (!arg.startsWith("-") && words.size() < 3) {
                words.add(arg);
            }
        }
        for (int n = words.size(); n > 0; n--) {
            Kind kind = COMMANDS.get(String.join(" ", words.subList(0, n)));
            if (kind != null) {
                return kind == Kind.SERVED && readsOutsideItsArguments(args) ? Kind.NEXUS : kind;
            }
        }
        return Kind.HELP;
    }

    /** {@code key=@FILE} and {@code key=-} read the caller's files and standard input, which a helper has not. */
    private static boolean readsOutsideItsArguments(List<String> args) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0 && SecretValueFiles.namesFileOrStdin(arg.substring(eq + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the command line talks to Nexus (its client can be opened while picocli parses). */
    public static boolean talksToNexus(List<String> args) {
        Kind kind = kind(args);
        return kind == Kind.SERVED || kind == Kind.NEXUS;
    }

    /** Whether a warm helper may answer the command line. */
    public static boolean helperServes(List<String> args) {
        return kind(args) == Kind.SERVED;
    }
}
