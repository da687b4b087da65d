package ist.spike.pilot;

import ist.spike.client.SpikeException;
import java.io.PrintWriter;
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

    public static void main(String[] args) {
        int code = run(new PilotContext(System.getenv()), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /** Runs one command line; separated from main so tests can drive it in-process. */
    public static int run(PilotContext context, PrintWriter out, PrintWriter err, String... args) {
        try (context) {
            CommandLine cli = new CommandLine(new SpikeCommand(), new PilotFactory(context));
            cli.setOut(out).setErr(err);
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
                if (e instanceof ist.spike.common.config.ConfigException) {
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
