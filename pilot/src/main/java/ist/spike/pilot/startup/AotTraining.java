package ist.spike.pilot.startup;

import ist.spike.pilot.SpikeMain;
import ist.spike.pilot.command.ExitCodes;
import java.util.List;

/**
 * The training runs for the JDK's ahead-of-time caches of the {@code spike} program, made at build time
 * by distribution/src/aot/train.sh. A cache records what one JVM loaded and linked, so this runs, in one
 * JVM, the command lines operators use most, each as {@code spike} would. Three caches, because a cache
 * costs start-up for every class in it: {@code help} trains the small one for help, version and usage
 * (no Nexus needed); {@code helper} the smallest, for handing a command line to a warm helper; no argument trains the one for commands that talk to a Nexus (the secret commands,
 * their output formats, an error). Not a command; not for operators.
 */
public final class AotTraining {
    private static final String PATH = "spike-aot/training";

    private AotTraining() {}

    private record Step(int expectedExit, String... args) {}

    // Only command lines that dist/bin/spike runs with the help cache (a help flag, or fewer than two words).
    private static final List<Step> HELP = List.of(
            new Step(ExitCodes.OK, "--help"),
            new Step(ExitCodes.OK, "secret", "--help"),
            new Step(ExitCodes.OK, "secret", "put", "--help"),
            new Step(ExitCodes.OK, "operator", "--help"),
            new Step(ExitCodes.OK, "--version"),
            new Step(ExitCodes.OK, "secret"));

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("helper")) {
            HelperClientTraining.handOneCommand();
            System.exit(0);
        }
        boolean helpOnly = args.length > 0 && args[0].equals("help");
        // The commands operators use most, and one of each output path; the rest load from the jars.
        List<Step> steps = helpOnly ? HELP : List.of(
                new Step(ExitCodes.OK, "secret", "put", PATH, "user=trainer", "pass=not-a-secret"),
                new Step(ExitCodes.OK, "secret", "get", PATH),
                new Step(ExitCodes.OK, "secret", "get", "-f", "json", PATH),
                new Step(ExitCodes.OK, "secret", "list"),
                new Step(ExitCodes.OK, "secret", "metadata", "get", PATH),
                new Step(ExitCodes.FAILED, "secret", "get", PATH + "-missing"),
                new Step(ExitCodes.USAGE, "secret", "get"));
        int unexpected = 0;
        for (Step step : steps) {
            System.out.println("$ spike " + String.join(" ", step.args()));
            System.out.flush();
            int code = SpikeMain.runProcess(step.args());
            if (code != step.expectedExit()) {
                System.out.println("(exit " + code + ", expected " + step.expectedExit() + ")");
                unexpected++;
            }
        }
        // A step that went wrong means the training did not see a working Nexus, so the cache would
        // miss the request path: the training script then keeps no cache.
        System.exit(unexpected == 0 ? 0 : 1);
    }
}
