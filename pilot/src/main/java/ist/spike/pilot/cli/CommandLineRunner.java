package ist.spike.pilot.cli;

import ist.spike.client.SpikeException;
import ist.spike.common.config.ConfigException;
import ist.spike.common.startup.StartupTrace;
import ist.spike.common.spiffe.IdentityUnavailableException;
import ist.spike.pilot.command.CommandFailedException;
import ist.spike.pilot.command.ExitCodes;
import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.command.UsageException;
import ist.spike.pilot.text.Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/** Runs one command line: picocli, the command tree, and one line on stderr for every failure. */
public final class CommandLineRunner {
    private CommandLineRunner() {}

    /** One command line as the {@code spike} program runs it: environment identity, stdout and stderr. */
    public static int runHere(String... args) {
        PilotContext context = new PilotContext(System.getenv(), Terminal.stdoutIsTerminal());
        if (CommandTable.talksToNexus(List.of(args))) {
            context.prefetch();
        }
        return run(context, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs one command line in {@code context}; tests and the helper drive it in-process. */
    public static int run(PilotContext context, PrintWriter out, PrintWriter err, String... args) {
        try (context) {
            CommandLine cli = SpikeCommand.TREE.build(context, new PilotFactory(), Set.copyOf(List.of(args)));
            cli.setOut(out).setErr(err);
            StartupTrace.mark("picocli command tree");
            cli.setParameterExceptionHandler((e, a) -> {
                err.println("Error: " + e.getMessage());
                err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
                return ExitCodes.USAGE;
            });
            cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
                err.println("Error: " + message(e));
                return exitCode(e);
            });
            return cli.execute(args);
        }
    }

    private static String message(Exception e) throws Exception {
        if (e instanceof SpikeException s) {
            return ErrorMessages.describe(s);
        }
        if (e instanceof IdentityUnavailableException) {
            return "no SPIFFE identity: " + e.getMessage();
        }
        if (e instanceof UsageException || e instanceof CommandFailedException || e instanceof ConfigException
                || e instanceof IOException) {
            return e.getMessage();
        }
        throw e;
    }

    private static int exitCode(Exception e) {
        return e instanceof UsageException || e instanceof ConfigException ? ExitCodes.USAGE : ExitCodes.FAILED;
    }
}
