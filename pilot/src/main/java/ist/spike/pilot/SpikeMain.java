package ist.spike.pilot;

import ist.spike.client.SpikeException;
import ist.spike.common.config.ConfigException;
import ist.spike.common.program.StartupTrace;
import ist.spike.pilot.helper.HelperClient;
import ist.spike.pilot.helper.HelperLauncher;
import ist.spike.pilot.helper.HelperSettings;
import ist.spike.pilot.text.CommandLineBytes;
import ist.spike.pilot.text.Utf8Console;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import picocli.CommandLine;

/**
 * Entry point of the {@code spike} CLI. Exit codes: 0 success, 1 usage or input error (nothing was
 * sent to Nexus), 2 the request failed (Nexus answered an error, or could not be reached).
 */
public final class SpikeMain {
    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 1;
    public static final int EXIT_FAILED = 2;

    private SpikeMain() {}

    public static void main(String[] jvmArgs) {
        StartupTrace.mark("main");
        Utf8Console.install();
        int code;
        try {
            code = runWithHelper(CommandLineBytes.decode(jvmArgs), System.getenv());
        } catch (UsageException e) {
            System.err.println("Error: " + e.getMessage());
            code = EXIT_USAGE;
        }
        StartupTrace.mark("exit " + code);
        System.out.flush();
        System.err.flush();
        // Not System.exit: it first looks for a System.Logger backend (it logs exits), and that search
        // reads every jar on the class path (docs/performance.md). The CLI registers no shutdown hooks.
        Runtime.getRuntime().halt(code);
    }

    /**
     * A command for Nexus goes to this user's warm helper process if one runs for this configuration
     * (see {@link HelperSettings}); otherwise it runs here, and when it worked a helper is started in
     * the background for the next one.
     */
    static int runWithHelper(String[] args, Map<String, String> env) {
        if (!HelperSettings.serves(List.of(args))) {
            return runCommandLine(args);
        }
        HelperSettings settings;
        try {
            settings = HelperSettings.from(env);
        } catch (ConfigException e) {
            System.err.println("Error: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (!settings.enabled()) {
            return runCommandLine(args);
        }
        OptionalInt answered = HelperClient.run(List.of(args), env);
        if (answered.isPresent()) {
            return answered.getAsInt();
        }
        int code = runCommandLine(args);
        if (code == EXIT_OK) {
            System.out.flush();
            if (HelperLauncher.startInBackground(env)) {
                StartupTrace.mark("helper started in the background");
            }
        }
        return code;
    }

    /** One command line as the {@code spike} program runs it: environment identity, stdout and stderr. */
    static int runCommandLine(String... args) {
        PilotContext context = new PilotContext(System.getenv());
        if (talksToNexus(args)) {
            context.prefetch();
        }
        return run(context, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * A guess, before parsing, that the command line names a command that talks to Nexus: at least a
     * group and a command ("secret get", "operator recover") and no request for help. A wrong guess only
     * costs an unused Workload API fetch (or an unused prefetch); the command itself decides.
     */
    static boolean talksToNexus(String[] args) {
        int words = 0;
        for (String arg : args) {
            switch (arg) {
                case "-h", "--help", "-V", "help" -> {
                    return false;
                }
                default -> words += arg.startsWith("-") ? 0 : 1;
            }
        }
        return words >= 2;
    }

    /** Runs one command line; separated from main so tests can drive it in-process. */
    public static int run(PilotContext context, PrintWriter out, PrintWriter err, String... args) {
        try (context) {
            CommandLine cli = SpikeCommand.TREE.build(context, new PilotFactory(), Set.copyOf(List.of(args)));
            cli.setOut(out).setErr(err);
            StartupTrace.mark("picocli command tree");
            cli.setParameterExceptionHandler((e, a) -> {
                err.println("Error: " + e.getMessage());
                err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
                return EXIT_USAGE;
            });
            cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
                if (e instanceof UsageException) {
                    err.println("Error: " + e.getMessage());
                    return EXIT_USAGE;
                }
                if (e instanceof CommandFailedException) {
                    err.println("Error: " + e.getMessage());
                    return EXIT_FAILED;
                }
                if (e instanceof SpikeException s) {
                    err.println("Error: " + ErrorMessages.describe(s));
                    return EXIT_FAILED;
                }
                if (e instanceof ConfigException) {
                    err.println("Error: " + e.getMessage());
                    return EXIT_USAGE;
                }
                if (e instanceof ist.spike.common.spiffe.IdentityUnavailableException) {
                    err.println("Error: no SPIFFE identity: " + e.getMessage());
                    return EXIT_FAILED;
                }
                if (e instanceof java.io.IOException) {
                    err.println("Error: " + e.getMessage());
                    return EXIT_FAILED;
                }
                throw e;
            });
            return cli.execute(args);
        }
    }
}
