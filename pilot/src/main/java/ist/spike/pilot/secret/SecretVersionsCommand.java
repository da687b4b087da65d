package ist.spike.pilot.secret;

import ist.spike.client.SpikeClient;
import ist.spike.pilot.command.PilotContext;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What delete and undelete share: a path, a list of versions (0 = current), and "OK" on success. */
abstract class SecretVersionsCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "<path>")
    String path;
    @Option(names = {"-v", "--versions"}, defaultValue = "0",
            description = "comma-separated versions, e.g. 1,2,3 (0 = current)")
    String versions;

    private final PilotContext context;

    SecretVersionsCommand(PilotContext context) {
        this.context = context;
    }

    abstract void apply(SpikeClient client, String path, List<Integer> versions);

    @Override
    public void run() {
        List<Integer> list = SecretArguments.versions(versions);
        apply(context.client(), SecretArguments.path(path), list);
        spec.commandLine().getOut().println("OK");
    }
}
