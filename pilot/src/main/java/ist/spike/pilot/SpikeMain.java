package ist.spike.pilot;

import ist.spike.common.config.ConfigException;
import ist.spike.common.startup.StartupTrace;
import ist.spike.pilot.cli.CommandLineRunner;
import ist.spike.pilot.cli.CommandTable;
import ist.spike.pilot.command.ExitCodes;
import ist.spike.pilot.command.UsageException;
import ist.spike.pilot.helper.HelperSettings;
import ist.spike.pilot.helper.client.HelperClient;
import ist.spike.pilot.text.CommandLineBytes;
import ist.spike.pilot.text.Utf8Console;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Entry point of the {@code spike} CLI (exit codes: {@link ExitCodes}). A command a warm helper may
 * answer goes to the helper of this user and configuration if one runs ({@code spike helper start});
 * everything else runs here.
 */
public final class SpikeMain {
    private SpikeMain() {}

    public static void main(String[] jvmArgs) {
        StartupTrace.mark("main");
        int code = runProcess(jvmArgs);
        StartupTrace.mark("exit " + code);
        System.out.flush();
        System.err.flush();
        // Not System.exit: it first looks for a System.Logger backend (it logs exits), and that search
        // reads every jar on the class path (docs/performance.md). The CLI registers no shutdown hooks.
        Runtime.getRuntime().halt(code);
    }

    /** What {@code spike} does with its command line before it exits; also the AOT training's way in. */
    public static int runProcess(String[] jvmArgs) {
        Utf8Console.install();
        try {
            return run(CommandLineBytes.decode(jvmArgs), System.getenv());
        } catch (UsageException e) {
            System.err.println("Error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** Runs one command line, in the helper when one may answer it. */
    static int run(String[] args, Map<String, String> env) {
        if (!CommandTable.helperServes(List.of(args))) {
            return CommandLineRunner.runHere(args);
        }
        HelperSettings settings;
        try {
            settings = HelperSettings.from(env);
        } catch (ConfigException e) {
            System.err.println("Error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (settings.enabled()) {
            OptionalInt answered = HelperClient.run(List.of(args), env);
            if (answered.isPresent()) {
                return answered.getAsInt();
            }
        }
        return CommandLineRunner.runHere(args);
    }
}
