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
        Utf8Console.install();
        int code;
        try {
            code = run(CommandLineBytes.decode(jvmArgs), System.getenv());
        } catch (UsageException e) {
            System.err.println("Error: " + e.getMessage());
            code = ExitCodes.USAGE;
        }
        StartupTrace.mark("exit " + code);
        System.out.flush();
        System.err.flush();
        // Not System.exit: it first looks for a System.Logger backend (it logs exits), and that search
        // reads every jar on the class path (docs/performance.md). The CLI registers no shutdown hooks.
        Runtime.getRuntime().halt(code);
    }

    /** Runs one command line, in the helper when one may answer it; also the AOT training's way in. */
    public static int run(String[] args, Map<String, String> env) {
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
